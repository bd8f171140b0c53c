using System.Data.Common;
using Dapper;

namespace FeatureFlags.Sql;

// The schema: created and upgraded by the library itself, safely when several instances start at once.
public abstract partial class SqlToggleStore
{
    /// <summary>
    /// Creates or upgrades the schema if needed. Safe to call from several processes at once; later calls return at once.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionLifetime = connection.ConfigureAwait(false);

            // Check first, without locks: DDL on an existing schema (even IF NOT EXISTS) takes table locks that
            // can deadlock with another instance's writes.
            if (await IsSchemaCurrentAsync(connection, null, cancellationToken).ConfigureAwait(false))
            {
                _schemaReady = true;
                return;
            }

            if (!CreatesSchema)
            {
                throw new ToggleStoreUnavailableException(
                    $"The database has no FeatureFlags toggle schema (version {SchemaVersion}), and this store does not create one; nothing was changed.");
            }

            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transactionLifetime = transaction.ConfigureAwait(false);
            await LockSchemaAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (await IsSchemaCurrentAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
                return;
            }

            var existing = await ReadSchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(CreateSchemaSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (existing is { } from)
            {
                // Upgrade in place, one step a version; CreateSchemaSql above already added what is new and missing
                // (tables, indexes), the steps change existing tables.
                foreach (var step in UpgradeSteps.Where(s => s.To > from))
                {
                    await connection.ExecuteAsync(new CommandDefinition(step.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE ff_meta SET value = @Schema WHERE name = 'schema_version'", new { Schema = SchemaVersion }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ff_meta (name, value) VALUES ('schema_version', @Schema) ON CONFLICT (name) DO NOTHING; " +
                "INSERT INTO ff_meta (name, value) VALUES ('version', 0) ON CONFLICT (name) DO NOTHING;",
                new { Schema = SchemaVersion },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);

            // What only this database's store uses, such as PostgreSQL's notification key; on an upgrade too, so a
            // database created before it existed gets it in the same transaction.
            await CreateProviderSchemaAsync(transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// Makes the next read or write check the schema again, for example because the database was replaced by another.
    /// </summary>
    private protected void ForgetSchema() => _schemaReady = false;

    /// <summary>
    /// The steps that bring an older schema to <see cref="SchemaVersion"/>, each run once, in order, inside the
    /// schema transaction, after <see cref="CreateSchemaSql"/>.
    /// </summary>
    private static readonly (int To, string Sql)[] UpgradeSteps =
    [
        // 2: the audit (the change table) names the store instance that wrote each row, so a process skips its own writes.
        (2, "ALTER TABLE ff_audit ADD COLUMN writer TEXT NULL"),
    ];

    private async Task<bool> IsSchemaCurrentAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var stored = await ReadSchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (stored > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The toggle database has schema version {stored}; this version of FeatureFlags supports up to {SchemaVersion}. Upgrade the library.");
        }

        if (stored < SchemaVersion && !CreatesSchema)
        {
            throw new ToggleStoreUnavailableException(
                $"The toggle database has schema version {stored}; this version of FeatureFlags needs {SchemaVersion}, and this store does not change the schema. " +
                "Start an instance that may write (it upgrades the schema in place, keeping every row) and try again; nothing was changed.");
        }

        return stored == SchemaVersion;
    }

    private async Task<long?> ReadSchemaVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(TableExistsSql, new { Name = "ff_meta" }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists is not 1)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT value FROM ff_meta WHERE name = 'schema_version'", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}

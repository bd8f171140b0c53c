using System.Globalization;
using FeatureFlags.Sql;
using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite;

// The database file: opened only if it is there, and noticed when it is deleted or replaced.
public sealed partial class SqliteToggleStore
{
    /// <summary>
    /// Opens a connection (pooled, or new) and returns it if it reaches the file now at the path; returns
    /// <see langword="null"/> if the file was replaced (the pool is then dropped); throws if the file is missing.
    /// </summary>
    private async Task<SqliteConnection?> OpenCheckedAsync(CancellationToken cancellationToken)
    {
        // Checked before opening, so that the old file is let go of before any connection opens the new one: SQLite
        // finds a database's WAL by its name, and the old file's WAL must be emptied first (see LetGoLocked), or its
        // pages would be read into the new database.
        if (_path is not null && CheckFile() == FileCheck.Missing)
        {
            throw Missing(null);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (_path is not null && ex.SqliteErrorCode == CannotOpen && CheckFile() == FileCheck.Missing)
            {
                throw Missing(ex);
            }

            // And after: a pooled connection may hold a file deleted since the first check, and a new connection may
            // have opened a file that took the place of the checked one in between.
            switch (_path is null ? FileCheck.Same : CheckFile())
            {
                case FileCheck.Missing:
                    throw Missing(null);
                case FileCheck.Replaced:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Switching the journal mode writes the file's header, so a store that may not create (or only reads)
            // leaves the file's journal mode as it is; files this store created are in WAL mode already.
            if (!_walSet && CreatesSchema)
            {
                await EnableWalAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Compares the file at the path with the one this store's connections were opened on, and acts on a difference:
    /// the old file is let go (see <see cref="LetGoLocked"/>); a missing file is logged once; a file in its place
    /// becomes the database, and the change feed is told to have everything reloaded from it.
    /// </summary>
    private FileCheck CheckFile()
    {
        var current = SqliteFileIdentity.Of(_path!);
        lock (_fileLock)
        {
            if (current is not null && current == _file && _keeper is not null)
            {
                return FileCheck.Same;
            }

            var first = _file is null;
            LetGoLocked();
            SqliteConnection? keeper = null;
            try
            {
                if (current is not null)
                {
                    keeper = new SqliteConnection(_keeperConnectionString);
                    keeper.Open();

                    // In WAL mode and reading once now, while the file is there: a connection that has not read the
                    // file since it was deleted cannot start doing so (SQLite reports an I/O error), and one that does
                    // not know the file is in WAL mode does not checkpoint it.
                    using var read = keeper.CreateCommand();
                    // A store that may not create leaves the journal mode alone: switching it writes the file's
                    // header. A file in WAL mode says so in its header, which the read below picks up.
                    var wal = CreatesSchema ? "PRAGMA journal_mode = WAL; " : string.Empty;
                    read.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; {wal}SELECT count(*) FROM sqlite_master;");
                    read.ExecuteScalar();
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == CannotOpen)
            {
                // Gone again since it was identified.
                keeper?.Dispose();
                keeper = null;
            }

            // The keeper must hold the file that was identified, not one that took its place in between.
            if (keeper is null || SqliteFileIdentity.Of(_path!) != current)
            {
                keeper?.Dispose();
                if (!_fileMissing)
                {
                    _fileMissing = true;
                    Log.SqliteFileMissing(Logger, _path!);
                }

                return FileCheck.Missing;
            }

            _keeper = keeper;
            _fileMissing = false;
            if (first)
            {
                _file = current;
                _fileSeen = true;
                return FileCheck.Same;
            }

            if (_file != current)
            {
                Log.SqliteFileReplaced(Logger, _path!);
            }

            // Back after missing, or replaced: the file may hold anything, so it is treated as new either way.
            _file = current;
            _walSet = false;
            ForgetSchema();
            Interlocked.Exchange(ref _fileReplaced, 1);
            return FileCheck.Replaced;
        }
    }

    /// <summary>
    /// Lets go of the file the store's connections hold, once it was deleted or replaced. SQLite finds a database's
    /// WAL by name and replays it into whatever database file is at that name when it is next opened; it checkpoints
    /// and removes the WAL when the last connection closes, but not for a file that was moved or deleted. So before
    /// the connections close, the keeper checkpoints the old file's WAL into the old file and truncates it, leaving
    /// nothing that could be replayed into a restored backup. Then the pool is dropped.
    /// </summary>
    private void LetGoLocked()
    {
        if (_keeper is null)
        {
            return;
        }

        try
        {
            using var checkpoint = _keeper.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
#pragma warning disable CA1031 // Best effort: the file is gone either way, and the pool must still be dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _keeper.Dispose();
        _keeper = null;
        ClearPool();
    }

    private ToggleStoreUnavailableException Missing(Exception? cause)
        => new($"The SQLite toggle database '{_path}' is missing (deleted or moved while in use); nothing was read or written.", cause);

    private void ClearPool() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    /// <summary>
    /// Returns the full path of the database file, or <see langword="null"/> for an in-memory database or a URI file
    /// name, which are not watched.
    /// </summary>
    private static string? FilePath(SqliteConnectionStringBuilder builder)
    {
        const string DataDirectory = "|DataDirectory|";
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Resolved as Microsoft.Data.Sqlite resolves it.
        if (source.StartsWith(DataDirectory, StringComparison.OrdinalIgnoreCase))
        {
            var folder = AppDomain.CurrentDomain.GetData("DataDirectory") as string ?? AppContext.BaseDirectory;
            source = Path.Join(folder, source[DataDirectory.Length..]);
        }

        return Path.GetFullPath(source);
    }
}

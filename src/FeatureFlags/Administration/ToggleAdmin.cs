using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// The one write path: validation, least privilege, optimistic concurrency and audit.
/// </summary>
internal sealed class ToggleAdmin(IToggleStore store, IToggleRegistry registry, ILogger<ToggleAdmin> logger) : IToggleAdmin
{
    public async ValueTask<ToggleRecord> SetSwitchAsync(string toggle, bool enabled, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, declared => declared is Switch ? null : "it is not a switch");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        EnsureStoredKind(toggle, current, StoredValueCodec.SwitchKind);
        return await WriteAsync(toggle, StoredValueCodec.EncodeSwitch(enabled), current, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord> SetFlagAsync(string toggle, FlagRules rules, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Authorize(toggle, actor, declared => declared is Flag ? null : "it is not a flag");
        var value = StoredValueCodec.EncodeFlag(rules);
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        EnsureStoredKind(toggle, current, StoredValueCodec.FlagKind);
        return await WriteAsync(toggle, value, current, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        Authorize(toggle, actor, declared => declared is Flag ? null : "it is not a flag");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        EnsureStoredKind(toggle, current, StoredValueCodec.FlagKind);
        FlagRules rules;
        try
        {
            rules = current is null ? new FlagRules() : StoredValueCodec.DecodeFlag(current.Value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"The stored rules of '{toggle}' cannot be read ({ex.Message}); replace them with SetFlagAsync.", ex);
        }

        var updated = update(rules) ?? throw new InvalidOperationException("The update function returned null rules.");
        return await WriteAsync(toggle, StoredValueCodec.EncodeFlag(updated), current, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord?> SetOverrideAsync(string toggle, OverrideLevel level, string subject, bool? enabled, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, declared => (level, declared) switch
        {
            (OverrideLevel.Site, _) => null,
            (OverrideLevel.Course, CourseFlag) => null,
            (OverrideLevel.Organization, CourseFlag or OrgFlag) => null,
            (OverrideLevel.Course, _) => "course overrides apply to course flags only",
            _ => "organisation overrides apply to course and organisation flags only",
        });
        var key = ToggleKeys.ForOverride(toggle, level, subject);
        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (enabled is { } on)
        {
            return await WriteAsync(key, StoredValueCodec.EncodeOverride(on), current, actor, reason, cancellationToken).ConfigureAwait(false);
        }

        if (current is not null)
        {
            await store.DeleteAsync(key, current.Version, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
            Log.ToggleChanged(logger, actor.Name, key, 0, reason);
        }

        return null;
    }

    public async ValueTask<int> DeleteAsync(string toggle, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, _ => null);
        var records = new List<ToggleRecord>();
        if (await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false) is { } rules)
        {
            records.Add(rules);
        }

        records.AddRange(await store.ListAsync(ToggleKeys.OverridePrefix(toggle), cancellationToken).ConfigureAwait(false));
        foreach (var record in records)
        {
            await store.DeleteAsync(record.Key, record.Version, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
        }

        return records.Count;
    }

    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggle, CancellationToken cancellationToken = default)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        return store.GetHistoryAsync(toggle, cancellationToken);
    }

    private async ValueTask<ToggleRecord> WriteAsync(string key, string value, ToggleRecord? current, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.change");
        activity?.SetTag(FeatureTogglesDiagnostics.ToggleTag, key);
        var record = await store.SetAsync(key, value, current?.Version ?? 0, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
        Log.ToggleChanged(logger, actor.Name, key, record.Version, reason);
        return record;
    }

    /// <summary>
    /// Validates the name and, for a declared toggle, its type and editor roles. Refusals are logged.
    /// </summary>
    private void Authorize(string toggle, ToggleActor actor, Func<Toggle, string?> unsupported)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ArgumentNullException.ThrowIfNull(actor);
        if (!registry.TryGet(toggle, out var declared))
        {
            return;
        }

        if (declared is SettingToggle && unsupported(declared) is not null)
        {
            throw new ArgumentException($"'{toggle}' is a setting toggle: its value comes from configuration and cannot be stored.", nameof(toggle));
        }

        if (unsupported(declared) is { } problem)
        {
            throw new ArgumentException($"Cannot apply this change to '{toggle}': {problem} (declared as {declared.Kind}).", nameof(toggle));
        }

        var roles = declared.Metadata.EditorRoles;
        if (roles.Count > 0 && !roles.Any(actor.Roles.Contains))
        {
            Log.AccessDenied(logger, actor.Name, toggle, string.Join(", ", roles));
            throw new ToggleAccessDeniedException(toggle, actor.Name, roles);
        }
    }

    private static void EnsureStoredKind(string toggle, ToggleRecord? current, string kind)
    {
        if (current is null)
        {
            return;
        }

        CompiledRules stored;
        try
        {
            stored = StoredValueCodec.DecodeRules(current.Value);
        }
        catch (FormatException)
        {
            // Unreadable state is replaced by a valid write.
            return;
        }

        if (stored.Kind != kind)
        {
            throw new ArgumentException($"'{toggle}' is stored as a {stored.Kind}, not a {kind}. Delete its state first to change its type.", nameof(toggle));
        }
    }
}

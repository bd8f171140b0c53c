using System.Text.Json.Serialization;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/switch</c>.
/// </summary>
/// <param name="Enabled">The new state of the switch; required, so that a body without it cannot switch anything off.</param>
/// <param name="Reason">Why, for the audit.</param>
/// <param name="ActiveFrom">When the state starts to apply: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "already".</param>
/// <param name="ActiveUntil">When it stops applying: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "never".</param>
public sealed record SwitchChangeRequest(bool? Enabled, string? Reason = null, string? ActiveFrom = null, string? ActiveUntil = null);

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/flag</c>.
/// </summary>
/// <param name="Rules">The flag's new rules; they replace the stored ones. Rules that match nobody (the flag off for
/// everyone) are accepted only when they say so with <c>"everyone": false</c>, or when <paramref name="Clear"/> is set.</param>
/// <param name="Reason">Why, for the audit.</param>
/// <param name="Clear">Set to store rules that match nobody, such as <c>{}</c>, on purpose.</param>
/// <param name="ActiveFrom">When the rules starts to apply: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "already".</param>
/// <param name="ActiveUntil">When it stops applying: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "never".</param>
public sealed record FlagChangeRequest(FlagRules? Rules, string? Reason = null, bool? Clear = null, string? ActiveFrom = null, string? ActiveUntil = null);

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/overrides</c>.
/// </summary>
/// <param name="Level">The level: <c>site</c>, <c>course</c> or <c>organization</c>.</param>
/// <param name="Subject">The site, course key or organisation.</param>
/// <param name="Enabled">The forced value, or <see langword="null"/> to clear the override.</param>
/// <param name="Reason">Why, for the audit.</param>
/// <param name="ActiveFrom">When the override starts to apply: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "already".</param>
/// <param name="ActiveUntil">When it stops applying: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "never".</param>
public sealed record OverrideChangeRequest(string? Level, string? Subject, bool? Enabled, string? Reason = null, string? ActiveFrom = null, string? ActiveUntil = null);

/// <summary>
/// The body of <c>PUT {admin}/{group}/group</c>.
/// </summary>
/// <param name="Enabled"><see langword="true"/> or <see langword="false"/> to answer for every member, or
/// <see langword="null"/> to unset the group; required (an explicit <c>null</c>), so that a body without it cannot unset anything.</param>
/// <param name="Reason">Why, for the audit.</param>
/// <param name="ActiveFrom">When the group's state starts to apply: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "already".</param>
/// <param name="ActiveUntil">When it stops applying: an ISO 8601 instant with <c>Z</c> or an offset (stored in UTC); omit for "never".</param>
public sealed record GroupChangeRequest([property: JsonRequired] bool? Enabled, string? Reason = null, string? ActiveFrom = null, string? ActiveUntil = null);

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/prerequisites</c>.
/// </summary>
/// <param name="Prerequisites">The toggles required, replacing the stored ones; required, an empty list removes them all.</param>
/// <param name="Reason">Why, for the audit.</param>
public sealed record PrerequisitesChangeRequest(IReadOnlyList<PrerequisiteRequest>? Prerequisites, string? Reason = null);

/// <summary>
/// One prerequisite in <see cref="PrerequisitesChangeRequest"/>.
/// </summary>
/// <param name="Toggle">The full name of the required toggle.</param>
/// <param name="Enabled">The answer it must give: on (the default) or off.</param>
public sealed record PrerequisiteRequest(string? Toggle, bool Enabled = true);

/// <summary>
/// The body of <c>POST {admin}/{toggle}/revert</c>.
/// </summary>
/// <param name="ToVersion">The audited version whose resulting state to restore (see <c>GET {admin}/{toggle}/history</c>).</param>
/// <param name="Reason">Why, for the audit; "Revert to version N" when omitted.</param>
public sealed record RevertRequest(long? ToVersion, string? Reason = null);

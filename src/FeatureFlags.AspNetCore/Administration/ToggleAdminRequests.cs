namespace FeatureFlags.AspNetCore;

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/switch</c>.
/// </summary>
/// <param name="Enabled">The new state of the switch; required, so that a body without it cannot switch anything off.</param>
/// <param name="Reason">Why, for the audit.</param>
public sealed record SwitchChangeRequest(bool? Enabled, string? Reason = null);

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/flag</c>.
/// </summary>
/// <param name="Rules">The flag's new rules; they replace the stored ones. Rules that match nobody (the flag off for
/// everyone) are accepted only when they say so with <c>"everyone": false</c>, or when <paramref name="Clear"/> is set.</param>
/// <param name="Reason">Why, for the audit.</param>
/// <param name="Clear">Set to store rules that match nobody, such as <c>{}</c>, on purpose.</param>
public sealed record FlagChangeRequest(FlagRules? Rules, string? Reason = null, bool? Clear = null);

/// <summary>
/// The body of <c>PUT {admin}/{toggle}/overrides</c>.
/// </summary>
/// <param name="Level">The level: <c>site</c>, <c>course</c> or <c>organization</c>.</param>
/// <param name="Subject">The site, course key or organisation.</param>
/// <param name="Enabled">The forced value, or <see langword="null"/> to clear the override.</param>
/// <param name="Reason">Why, for the audit.</param>
public sealed record OverrideChangeRequest(string? Level, string? Subject, bool? Enabled, string? Reason = null);

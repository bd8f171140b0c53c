using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// Who and where a toggle is evaluated for: the user, their roles and groups, language and site.
/// Immutable; build one per request or job.
/// </summary>
public sealed class ToggleContext
{
    private static readonly Dictionary<string, string> NoAttributes = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, bool> NoOverrides = new(StringComparer.Ordinal);
    private readonly string? _site;
    private bool _anonymousIdUsed;

    /// <summary>
    /// Gets a context for an anonymous visitor with no id, no groups, no language and no site.
    /// </summary>
    public static ToggleContext Anonymous { get; } = new();

    /// <summary>
    /// Gets the user's id, or <see langword="null"/> for an anonymous visitor.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Gets a sticky id for an anonymous visitor (for example from a cookie) so that percentage rollouts stay stable for them.
    /// Used only when <see cref="UserId"/> is <see langword="null"/>.
    /// </summary>
    public string? AnonymousId { get; init; }

    /// <summary>
    /// Gets a value indicating whether the user is signed in.
    /// </summary>
    public bool IsAuthenticated { get; init; }

    /// <summary>
    /// Gets a value indicating whether the user is staff.
    /// </summary>
    public bool IsStaff { get; init; }

    /// <summary>
    /// Gets a value indicating whether the user is a superuser.
    /// </summary>
    public bool IsSuperuser { get; init; }

    /// <summary>
    /// Gets the groups the user belongs to.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>
    /// Gets the user's language, such as <c>fr-CA</c>.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>
    /// Gets the site (tenant) the request is for; site overrides apply to it. It is normalised as stored site keys are
    /// (<see cref="ToggleKeys.NormalizeSite"/>): lower case, no trailing dot, internationalised names in punycode.
    /// </summary>
    public string? Site
    {
        get => _site;
        init => _site = value is null ? null : ToggleKeys.NormalizeSiteOrLowerCase(value);
    }

    /// <summary>
    /// Gets custom attributes for application-specific rules and diagnostics.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>
    /// Gets toggle values forced by the request (by full name), honoured only when
    /// <see cref="FeatureTogglesOptions.EnableRequestOverrides"/> is on, or for flags in testing mode (<see cref="FlagRules.Testing"/>). Meant for test environments.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, bool> RequestOverrides { get; init; } = NoOverrides;

    /// <summary>
    /// Gets the id used for percentage rollouts: the user id, else the anonymous id.
    /// </summary>
    public string? StickyId
    {
        get
        {
            if (UserId is { } userId)
            {
                return userId;
            }

            if (AnonymousId is { } anonymousId)
            {
                // A plain store, racy on purpose: any reader only needs to learn that some evaluation used the id.
                _anonymousIdUsed = true;
                return anonymousId;
            }

            return null;
        }
    }

    /// <summary>
    /// Gets a value indicating whether an evaluation (or explanation) of this context read <see cref="AnonymousId"/>,
    /// so the web integration issues the anonymous-id cookie only with responses whose answers depended on it.
    /// </summary>
    internal bool AnonymousIdUsed => _anonymousIdUsed;
}

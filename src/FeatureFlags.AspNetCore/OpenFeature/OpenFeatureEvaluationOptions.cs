namespace FeatureFlags.AspNetCore;

/// <summary>
/// Options of one OpenFeature remote evaluation (OFREP) mapping: whose context is evaluated and which toggles answer.
/// </summary>
public sealed class OpenFeatureEvaluationOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the evaluation context in the request body says who is evaluated: its
    /// <c>targetingKey</c> becomes the user id and its <c>groups</c>, <c>staff</c>, <c>superuser</c>,
    /// <c>authenticated</c>, <c>language</c> and <c>site</c> replace what the caller's own sign-in says. Meant for
    /// server-to-server use behind an authorization policy (<c>.RequireAuthorization("TrustedServices")</c>).
    /// </summary>
    /// <remarks>
    /// While it is off, every answer is for the caller's own authenticated identity (or the visitor's anonymous id):
    /// the context may name the course (<c>courseKey</c>), organisation (<c>org</c>) and <c>language</c> a page is
    /// about, and repeat the caller's own identity, but a <c>targetingKey</c> or identity attribute that disagrees with
    /// the sign-in is refused with 400 <c>INVALID_CONTEXT</c>, so no client can evaluate toggles as someone else.
    /// </remarks>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TrustRequestContext { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every declared toggle answers, not only those marked
    /// <see cref="ToggleMetadata.ExposeToClients"/>. Others answer <c>FLAG_NOT_FOUND</c>, as unknown keys do.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ExposeAllToggles { get; set; }

    /// <summary>
    /// Gets or sets the largest request body accepted, in bytes; a larger one is refused with 400 <c>INVALID_CONTEXT</c>.
    /// </summary>
    /// <value>The default value is 64 KiB.</value>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    internal void Validate()
    {
        if (MaxRequestBodySize <= 0)
        {
            throw new ArgumentException($"{nameof(MaxRequestBodySize)} must be positive; it is {MaxRequestBodySize}.", nameof(MaxRequestBodySize));
        }
    }
}

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The OpenFeature error codes the OFREP endpoints answer with.
/// </summary>
internal static class OfrepErrorCodes
{
    public const string FlagNotFound = "FLAG_NOT_FOUND";
    public const string InvalidContext = "INVALID_CONTEXT";
}

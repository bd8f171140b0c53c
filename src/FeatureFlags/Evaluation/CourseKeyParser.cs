namespace FeatureFlags;

/// <summary>
/// Parses Open edX course keys: <c>course-v1:Org+Course+Run</c> (also <c>ccx-v1:</c> and other <c>*-v1:</c> prefixes)
/// and the older <c>Org/Course/Run</c>.
/// </summary>
public sealed class CourseKeyParser : ICourseKeyParser
{
    /// <inheritdoc />
    public ReadOnlySpan<char> GetOrganization(ReadOnlySpan<char> courseKey)
    {
        var colon = courseKey.IndexOf(':');
        if (colon >= 0)
        {
            var rest = courseKey[(colon + 1)..];
            var plus = rest.IndexOf('+');
            return plus > 0 ? rest[..plus] : [];
        }

        var slash = courseKey.IndexOf('/');
        return slash > 0 && courseKey[(slash + 1)..].IndexOf('/') > 0 ? courseKey[..slash] : [];
    }
}

namespace FeatureFlags;

/// <summary>
/// Finds the organisation of a course key, so that a <see cref="CourseFlag"/> can apply the organisation's override.
/// Register your own to support other key formats.
/// </summary>
public interface ICourseKeyParser
{
    /// <summary>
    /// Returns the organisation part of a course key, or an empty span when the key has none.
    /// Must not allocate or throw on the evaluation path.
    /// </summary>
    /// <param name="courseKey">The course key.</param>
    /// <returns>The organisation, a slice of <paramref name="courseKey"/>.</returns>
    ReadOnlySpan<char> GetOrganization(ReadOnlySpan<char> courseKey);
}

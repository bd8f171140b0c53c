namespace FeatureFlags;

/// <summary>
/// Where a stored override applies.
/// </summary>
public enum OverrideLevel
{
    /// <summary>A site (tenant): applies to every toggle type.</summary>
    Site,

    /// <summary>A course: applies to <see cref="CourseFlag"/>.</summary>
    Course,

    /// <summary>An organisation: applies to <see cref="OrgFlag"/> and, through the course's organisation, to <see cref="CourseFlag"/>.</summary>
    Organization,
}

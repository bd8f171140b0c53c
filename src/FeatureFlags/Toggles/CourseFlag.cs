namespace FeatureFlags;

/// <summary>
/// A <see cref="Flag"/> that can also be forced on or off per course and per organisation.
/// For a course key, a course override wins over the override of the course's organisation, which wins over the flag's rules.
/// </summary>
public sealed class CourseFlag : Flag
{
    internal CourseFlag(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
    }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.CourseFlag;
}

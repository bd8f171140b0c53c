namespace FeatureFlags.Samples.Console;

/// <summary>
/// The courseware team's toggles: a course flag with per-course and per-organisation overrides, and an organisation flag.
/// </summary>
public static class CoursewareToggles
{
    private static readonly ToggleNamespace Ns = new("courseware");

    public static readonly CourseFlag NewOutline = Ns.CourseFlag("new_outline", new()
    {
        Description = "The redesigned course outline.",
        UseCases = ToggleUseCases.BetaTesting | ToggleUseCases.OptOut,
        CreatedOn = new DateOnly(2026, 9, 15),
        Owner = "learning-experience",
    });

    public static readonly OrgFlag EnterpriseReports = Ns.OrgFlag("enterprise_reports", new()
    {
        Description = "Learner progress reports for enterprise customers, piloted with a few organisations.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 10),
        EditorRoles = ["enterprise-admins"],
    });
}

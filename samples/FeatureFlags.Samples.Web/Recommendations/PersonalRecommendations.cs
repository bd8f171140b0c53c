namespace FeatureFlags.Samples.Web.Recommendations;

public sealed class PersonalRecommendations : IRecommendations
{
    public string Source => "personal";

    public IReadOnlyList<string> For(string? userId) => [$"because {userId ?? "you"} liked tea: a teapot", "a kettle"];
}

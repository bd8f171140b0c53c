namespace FeatureFlags.Samples.Web.Recommendations;

public sealed class BestsellerRecommendations : IRecommendations
{
    public string Source => "bestsellers";

    public IReadOnlyList<string> For(string? userId) => ["a mug", "a notebook"];
}

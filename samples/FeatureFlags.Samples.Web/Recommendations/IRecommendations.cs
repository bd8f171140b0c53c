namespace FeatureFlags.Samples.Web.Recommendations;

/// <summary>
/// Recommends products; which implementation serves a request is chosen by <see cref="StorefrontToggles.PersonalRecommendations"/>.
/// </summary>
public interface IRecommendations
{
    string Source { get; }

    IReadOnlyList<string> For(string? userId);
}

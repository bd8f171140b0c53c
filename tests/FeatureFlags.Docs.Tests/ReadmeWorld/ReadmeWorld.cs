// The surroundings of the README's code fragments: the variables and example types a fragment uses without declaring
// them (a fragment stands in a Program.cs or a method where these already exist). A fragment's statements run in a
// method of a class derived from Globals, so `services`, `builder`, `app`, ... below are in scope; a fragment that
// declares a name of its own (its own CheckoutToggles, its own `services`) uses that one instead. Test files of the
// README use Program and the toggle classes. Compiled by the tests with Roslyn, not into the test assembly; keep it to
// what the README names.
using FeatureFlags;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReadmeWorld;

public class Globals
{
    public IServiceCollection services = null!;
    public WebApplicationBuilder builder = null!;
    public WebApplication app = null!;
    public IConfiguration configuration = null!;
    public IServiceProvider provider = null!;
    public IServiceProvider stagingProvider = null!;
    public IServiceProvider laptopProvider = null!;
    public IToggles toggles = null!;
}

public class Program
{
}

public static class CheckoutToggles
{
    private static readonly ToggleNamespace Ns = new("checkout");

    public static readonly Switch NewCart = Ns.Switch("new_cart", new()
    {
        Description = "The redesigned cart.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });

    public static readonly Flag OneClickPay = Ns.Flag("one_click_pay", new()
    {
        Description = "One-click payment for returning customers, rolled out by percent.",
        UseCases = ToggleUseCases.MonitoredRollout | ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });
}

public static class CoursewareToggles
{
    private static readonly ToggleNamespace Ns = new("courseware");

    public static readonly CourseFlag NewOutline = Ns.CourseFlag("new_outline", new()
    {
        Description = "The new course outline.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });
}

public static class StorefrontToggles
{
    private static readonly ToggleNamespace Ns = new("storefront");

    public static readonly Flag NewCheckout = Ns.Flag("new_checkout", new()
    {
        Description = "The new checkout.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });

    public static readonly Flag PersonalRecommendations = Ns.Flag("personal_recommendations", new()
    {
        Description = "Personal recommendations instead of bestsellers.",
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });
}

public interface IRecommendations
{
}

public sealed class PersonalRecommendations : IRecommendations
{
}

public sealed class BestsellerRecommendations : IRecommendations
{
}

public static class ReleaseToggles
{
    private static readonly ToggleNamespace Ns = new("storefront");

    public static readonly ToggleGroup Release2 = Ns.Group("release_2", new()
    {
        Description = "Everything that ships with release 2.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });

    public static readonly Switch NewBasket = Ns.Switch("new_basket", new()
    {
        Description = "The rewritten basket.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
        Group = "release_2",
    });
}

public static class PaymentToggles
{
    private static readonly ToggleNamespace Ns = new("storefront");

    public static readonly Switch PaymentsV2 = Ns.Switch("payments_v2", new()
    {
        Description = "The second payment provider.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2099, 3, 1),
    });
}

/// <summary>The README's custom rule, for the fragment that registers it.</summary>
public sealed class PlanRule : IToggleRule
{
    public IToggleRuleMatcher Compile(string toggle, System.Text.Json.JsonElement parameters) => throw new NotSupportedException();
}

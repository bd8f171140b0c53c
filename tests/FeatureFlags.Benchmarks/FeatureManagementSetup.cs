using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// Microsoft.FeatureManagement configured like our toggles: a boolean feature, and a targeting feature with the same
/// users, groups and default rollout percentage as our flag.
/// </summary>
internal static class FeatureManagementSetup
{
    public static ServiceProvider Create(TargetingHolder user)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureManagement:NewCart"] = "true",
            ["FeatureManagement:Beta:EnabledFor:0:Name"] = "Microsoft.Targeting",
            ["FeatureManagement:Beta:EnabledFor:0:Parameters:Audience:Users:0"] = "listed-1",
            ["FeatureManagement:Beta:EnabledFor:0:Parameters:Audience:Users:1"] = "listed-2",
            ["FeatureManagement:Beta:EnabledFor:0:Parameters:Audience:Groups:0:Name"] = "beta-testers",
            ["FeatureManagement:Beta:EnabledFor:0:Parameters:Audience:Groups:0:RolloutPercentage"] = "100",
            ["FeatureManagement:Beta:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(user);
        services.AddFeatureManagement().WithTargeting<HolderTargeting>();
        return services.BuildServiceProvider();
    }

    /// <summary>The current user for the targeting filter, changeable so set-up can find a user who is in by percent.</summary>
    internal sealed class TargetingHolder
    {
        public TargetingContext Context { get; set; } = new();
    }

    private sealed class HolderTargeting(TargetingHolder holder) : ITargetingContextAccessor
    {
        public ValueTask<TargetingContext> GetContextAsync() => ValueTask.FromResult(holder.Context);
    }
}

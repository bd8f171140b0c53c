using Microsoft.Extensions.Hosting;

namespace FeatureFlags.Benchmarks;

/// <summary>A production host environment for benchmarks that build a dashboard without a host.</summary>
internal sealed class BenchmarkEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Production";

    public string ApplicationName { get; set; } = "bench";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}

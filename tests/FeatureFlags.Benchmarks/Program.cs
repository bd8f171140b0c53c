using BenchmarkDotNet.Running;
using FeatureFlags.Benchmarks;

// `scale` runs the load and propagation measurements; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "scale")
{
    await ScaleReport.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);

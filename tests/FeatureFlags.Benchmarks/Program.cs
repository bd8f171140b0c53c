using BenchmarkDotNet.Running;
using FeatureFlags.Benchmarks;

// `scale` runs the load, propagation and fan-out measurements (`scale fanout`: fan-out only); anything else goes to
// BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "scale")
{
    await ScaleReport.RunAsync(fanOutOnly: args.Length > 1 && args[1] == "fanout", loadOnly: args.Length > 1 && args[1] == "load");
    return;
}

// `dashboard-size` prints the list page's weight (the BenchmarkDotNet run measures its time).
if (args.Length > 0 && args[0] == "dashboard-size")
{
    var dashboard = new DashboardBenchmarks();
    dashboard.Setup();
    Console.WriteLine($"Dashboard list page, 1,000 toggles and 10,000 overrides: {await dashboard.ListPage():N0} bytes of HTML");
    if (args.Length > 1)
    {
        await File.WriteAllTextAsync(args[1], DashboardBenchmarks.LastPage);
    }
    dashboard.Cleanup();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);

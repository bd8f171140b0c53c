// Each fixture hosts its own app on its own SQLite file, so fixtures run in parallel.
[assembly: Parallelizable(ParallelScope.Fixtures)]

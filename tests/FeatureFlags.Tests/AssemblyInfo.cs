// Fixtures run in parallel; at least 8 workers so the override-scope isolation tests really overlap.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(8)]

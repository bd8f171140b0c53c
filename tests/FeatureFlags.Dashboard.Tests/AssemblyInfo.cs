// Each fixture hosts its own app on its own database; one browser serves them all.
[assembly: Parallelizable(ParallelScope.Fixtures)]

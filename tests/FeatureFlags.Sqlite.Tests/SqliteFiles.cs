namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Temporary database files, deleted (with their WAL and shared-memory files) when the fixture ends.
/// </summary>
internal sealed class SqliteFiles : IDisposable
{
    private readonly TempFolder _folder = new("ff-sqlite-");
    private int _count;

    public string NewConnectionString() => $"Data Source={_folder.PathOf($"toggles{Interlocked.Increment(ref _count)}.db")}";

    public void Dispose() => _folder.Dispose();
}

using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Temporary database files, deleted (with their WAL and shared-memory files) when the fixture ends.
/// </summary>
internal sealed class SqliteFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ff-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
    private int _count;

    public SqliteFiles() => Directory.CreateDirectory(_folder);

    public string NewConnectionString() => $"Data Source={Path.Combine(_folder, $"toggles{Interlocked.Increment(ref _count)}.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A store still closing; the temp folder is cleaned by the OS.
        }
    }
}

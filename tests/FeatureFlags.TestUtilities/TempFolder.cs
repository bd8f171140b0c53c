using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// A new, empty folder under the system's temporary folder for one test, fixture or run; <see cref="Dispose"/> deletes
/// it with everything in it. The one way tests make temporary files.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder, named <paramref name="prefix"/> and a random suffix.</summary>
    public TempFolder(string prefix = "ff-") => FullName = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Gets the folder's full path.</summary>
    public string FullName { get; }

    /// <summary>Returns the path of a file or folder inside this folder (not created).</summary>
    public string PathOf(params string[] names) => Path.Combine([FullName, .. names]);

    /// <inheritdoc />
    public override string ToString() => FullName;

    /// <summary>
    /// Deletes the folder and everything in it. SQLite's pool keeps database files open after their last connection is
    /// disposed (which on Windows forbids deleting them), so the pools are cleared first; a file that a connection nobody
    /// disposed still holds is released by its finalizer and the delete tried once more. A folder that still cannot go
    /// is reported on the test progress output and left to the OS, never failing the test it served.
    /// </summary>
    public void Dispose()
    {
        if (!Directory.Exists(FullName))
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (TryDelete() is null)
        {
            return;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        SqliteConnection.ClearAllPools();
        if (TryDelete() is { } failure)
        {
            TestContext.Progress.WriteLine($"Temporary folder {FullName} left behind: {failure.Message}");
        }
    }

    private Exception? TryDelete()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex;
        }
    }
}

using Microsoft.Data.Sqlite;

namespace FeatureFlags.Tests.Support;

public class TempFolderTests
{
    [Test]
    public void New_IsAnEmptyFolderOfItsOwn()
    {
        using var first = new TempFolder("ff-tempfolder-");
        using var second = new TempFolder("ff-tempfolder-");

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(first.FullName), Is.True);
            Assert.That(Directory.EnumerateFileSystemEntries(first.FullName), Is.Empty);
            Assert.That(Path.GetFileName(first.FullName), Does.StartWith("ff-tempfolder-"));
            Assert.That(second.FullName, Is.Not.EqualTo(first.FullName));
            Assert.That(first.PathOf("a", "b.db"), Is.EqualTo(Path.Combine(first.FullName, "a", "b.db")));
        });
    }

    [Test]
    public void Dispose_DeletesEverythingInside_AlsoADatabaseInTheSqlitePool_AndMayRunTwice()
    {
        var folder = new TempFolder("ff-tempfolder-");
        Directory.CreateDirectory(folder.PathOf("nested"));
        File.WriteAllText(folder.PathOf("nested", "file.txt"), "x");
        using (var connection = new SqliteConnection($"Data Source={folder.PathOf("toggles.db")}"))
        {
            // Disposed, but the pool keeps the file open.
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            create.ExecuteNonQuery();
        }

        folder.Dispose();
        folder.Dispose();

        Assert.That(Directory.Exists(folder.FullName), Is.False);
    }
}

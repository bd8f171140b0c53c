namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// Finds files of the repository from a test's output folder.
/// </summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FeatureFlags.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("FeatureFlags.sln not found above the test directory.");
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}

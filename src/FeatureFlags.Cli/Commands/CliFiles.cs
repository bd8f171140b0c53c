using System.Text;

namespace FeatureFlags.Cli.Commands;

/// <summary>
/// Reads and writes the tool's own files (export, import, manifest). A file-system failure there is the caller's
/// input, not the store: it becomes a usage error (exit 2) naming the file.
/// </summary>
internal static class CliFiles
{
    public static async Task<string> ReadAsync(string path, string what)
    {
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {what} '{path}': {ex.Message}", ex);
        }
    }

    public static async Task WriteAsync(string path, string text, string what)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write {what} '{path}': {ex.Message}", ex);
        }
    }
}

namespace FeatureFlags.Cli;

/// <summary>
/// Standard output of one run. Text that comes from the store or the user (names, reasons, actors, subjects,
/// settings, problems) is escaped, so control and bidirectional formatting characters print as inert <c>\uXXXX</c>
/// and one row stays one line; JSON is written as produced (its encoder already escapes them).
/// </summary>
internal sealed class CliOutput(TextWriter writer)
{
    /// <summary>Writes one escaped line.</summary>
    public Task LineAsync(string text) => writer.WriteLineAsync(TextRules.Escape(text));

    /// <summary>Writes JSON or the tool's own fixed text unchanged.</summary>
    public Task RawAsync(string text) => writer.WriteLineAsync(text);

    /// <summary>Writes a multi-line document (Markdown, CSV) with each line escaped and the line breaks kept.</summary>
    public async Task DocumentAsync(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
            {
                break;
            }

            await LineAsync(lines[i]).ConfigureAwait(false);
        }
    }

    /// <summary>Writes an aligned table; every cell is escaped before the columns are measured.</summary>
    public async Task TableAsync(string[] header, IEnumerable<string?[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows.Select(row => row.Select(TextRules.Escape).ToArray()));
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            await writer.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).ConfigureAwait(false);
        }
    }
}

using System.Reflection;
using FeatureFlags.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Cli;

/// <summary>
/// The <c>toggles</c> tool. Every change goes through <see cref="IToggleAdmin"/>, so it is validated, checked against
/// declared editor roles, versioned and audited exactly like changes made in code. Every failure is classified once by
/// <see cref="ToggleErrors.Classify"/> and reported as one line on standard error with the exit code of
/// <see cref="ExitCodes.For"/>.
/// </summary>
public static class TogglesCommand
{
    /// <summary>The environment variable naming a SQLite file when <c>--sqlite</c> is not given.</summary>
    public const string SqliteVariable = "TOGGLES_SQLITE";

    /// <summary>The environment variable holding a PostgreSQL connection string when <c>--postgres</c> is not given.</summary>
    public const string PostgresVariable = "TOGGLES_POSTGRES";

    /// <summary>
    /// Runs the tool.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="environment">Environment variables; the process environment when <see langword="null"/>.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/>, <paramref name="output"/> or <paramref name="error"/> is <see langword="null"/>.</exception>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment = null)
        => RunAsync(args, output, error, environment, configureServices: null);

    /// <summary>Runs the tool with its services adjusted once the store is chosen, for tests that watch the store.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment, Action<IServiceCollection>? configureServices)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var line = new CommandLine(args);
            if (line.Positionals.Count == 0 && line.Has("version") && !line.Has("help"))
            {
                await output.WriteLineAsync($"toggles {Version}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (line.Positionals.Count == 0 || line.Has("help"))
            {
                await output.WriteLineAsync(Usage.Text).ConfigureAwait(false);
                return line.Positionals.Count == 0 && !line.Has("help") ? ExitCodes.Usage : ExitCodes.Ok;
            }

            // Checked before the store is opened: a mistyped option changes nothing.
            var command = CliCommands.Find(line.Positionals[0]);
            line.Check(command.Name, command.AllowedOptions, command.Arguments);
            var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);
            var session = CliSession.Open(line, env, command.Access, configureServices);
            await using var sessionLifetime = session.ConfigureAwait(false);
            return await command.RunAsync(new CommandContext(session, line, new CliOutput(output))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var code = ToggleErrors.Classify(ex);
            // Messages that quote typed or stored text escape it already; escaping again would double the backslashes.
            var text = ToggleErrors.Message(ex);
            var message = code switch
            {
                ToggleErrorCode.StoreUnavailable => $"cannot use the toggle store: {text}",
                null => $"unexpected failure: {text}",
                _ => text,
            };
            await error.WriteLineAsync($"toggles: {EscapeUnsafe(message)}").ConfigureAwait(false);
            if (args.Contains("--verbose"))
            {
                foreach (var traceLine in ex.ToString().Split('\n'))
                {
                    await error.WriteLineAsync(TextRules.Escape(traceLine.TrimEnd('\r'))).ConfigureAwait(false);
                }
            }

            return ExitCodes.For(code);
        }
    }

    /// <summary>
    /// Gets the tool's version: the package version it was built as, without build metadata (<c>+commit</c>).
    /// </summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(TogglesCommand).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is { Length: > 0 })
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    /// <summary>Escapes only control and bidirectional characters, leaving text that is already escaped as it is.</summary>
    private static string EscapeUnsafe(string text)
        => TextRules.FindUnsafe(text) is null ? text : string.Concat(text.Select(c => TextRules.IsUnsafe(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Cli;

/// <summary>
/// The <c>toggles</c> tool. Every change goes through <see cref="IToggleAdmin"/>, so it is validated, checked against
/// declared editor roles, versioned and audited exactly like changes made in code.
/// </summary>
public static class TogglesCommand
{
    /// <summary>The environment variable naming a SQLite file when <c>--sqlite</c> is not given.</summary>
    public const string SqliteVariable = "TOGGLES_SQLITE";

    /// <summary>The environment variable holding a PostgreSQL connection string when <c>--postgres</c> is not given.</summary>
    public const string PostgresVariable = "TOGGLES_POSTGRES";

    private const string Usage = """
        toggles: manage FeatureFlags toggles in a SQLite or PostgreSQL store.

        Usage: toggles <command> [arguments] [options]

        Commands:
          list [--namespace NS] [--type TYPE] [--status on|off|both]   List toggles (declared and stored)
          show NAME                                                    Settings, metadata and recent changes
          switch NAME on|off                                           Turn a switch on or off
          flag NAME [--everyone on|off|unset] [--percent N]            Change a flag's rules
               [--add-user U] [--remove-user U] [--add-group G] [--remove-group G]
               [--staff on|off] [--superusers on|off] [--authenticated on|off]
               [--languages a,b] [--testing on|off]
          override course|org|site NAME KEY on|off|clear               Set or clear an override
          history NAME                                                 The audit of a toggle
          delete NAME [--force]                                        Delete stored state (refused while declared in --assembly)
          report [--format json|csv|md]                                The toggle report
          lint [--fail-on error|warning|info]                          Toggle debt; exit 1 at or above the level (default error)
          export FILE                                                  Write all stored state to a JSON file
          import FILE [--dry-run] [--delete-missing]                   Apply an export to this store
          manifest --typescript FILE                                   Toggle names as TypeScript constants (needs --assembly)

        Options:
          --sqlite PATH        SQLite file (or TOGGLES_SQLITE)
          --postgres CONN      PostgreSQL connection string (or TOGGLES_POSTGRES)
          --assembly PATH      Read declared toggles from an application assembly (repeatable)
          --actor NAME         Who makes the change, for the audit (default: the OS user)
          --roles a,b          The actor's roles, for toggles that declare editor roles
          --reason TEXT        Why, for the audit
          --json               Machine-readable output
          --verbose            Stack traces on errors
          --help               This text

        Exit codes: 0 ok, 1 findings/conflict/refused, 2 usage or bad input, 3 store unreachable.
        """;

    /// <summary>
    /// Runs the tool.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="environment">Environment variables; the process environment when <see langword="null"/>.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        CommandLine line;
        try
        {
            line = new CommandLine(args);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"toggles: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (line.Positionals.Count == 0 || line.Has("help"))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return line.Positionals.Count == 0 && !line.Has("help") ? ExitCodes.Usage : ExitCodes.Ok;
        }

        try
        {
            var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);
            var session = Session.Open(line, env);
            await using var sessionLifetime = session.ConfigureAwait(false);
            return await new Commands(session, line, output).RunAsync(line.Positionals[0]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, message) = Classify(ex);
            await error.WriteLineAsync($"toggles: {message}").ConfigureAwait(false);
            if (line.Has("verbose"))
            {
                await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }

    private static (int Code, string Message) Classify(Exception ex) => ex switch
    {
        UsageException or ArgumentException or FormatException or KeyNotFoundException => (ExitCodes.Usage, ex.Message),
        ToggleConflictException or ToggleAccessDeniedException => (ExitCodes.Findings, ex.Message),
        DbException or SocketException or TimeoutException or IOException => (ExitCodes.Connection, $"cannot use the toggle store: {ex.Message}"),
        InvalidOperationException when ex.InnerException is DbException or SocketException => (ExitCodes.Connection, $"cannot use the toggle store: {ex.Message}"),
        InvalidOperationException => (ExitCodes.Usage, ex.Message),
        _ => (ExitCodes.Connection, $"unexpected failure: {ex.Message}"),
    };

    /// <summary>The store, the declared toggles and the services over them for one run.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        private Session(ServiceProvider provider, bool hasDeclarations)
        {
            _provider = provider;
            HasDeclarations = hasDeclarations;
        }

        public bool HasDeclarations { get; }

        public IToggleAdmin Admin => _provider.GetRequiredService<IToggleAdmin>();

        public IToggleStore Store => _provider.GetRequiredService<IToggleStore>();

        public IToggleRegistry Registry => _provider.GetRequiredService<IToggleRegistry>();

        public IToggleReporter Reporter => _provider.GetRequiredService<IToggleReporter>();

        public IToggleStateTransfer Transfer => _provider.GetRequiredService<IToggleStateTransfer>();

        public static Session Open(CommandLine line, IReadOnlyDictionary<string, string?> env)
        {
            var sqlite = line.Get("sqlite") ?? env.GetValueOrDefault(SqliteVariable);
            var postgres = line.Get("postgres") ?? env.GetValueOrDefault(PostgresVariable);

            // The manifest reads declarations only, so a build step can run it without any store.
            var readsStore = line.Positionals[0] is not "manifest";
            if (readsStore && string.IsNullOrWhiteSpace(sqlite) == string.IsNullOrWhiteSpace(postgres))
            {
                throw new UsageException($"Name exactly one store: --sqlite PATH or --postgres CONNECTION (or {SqliteVariable} / {PostgresVariable}).");
            }

            var services = new ServiceCollection();
            var builder = services.AddFeatureToggles(o => o.StartupLoadTimeout = TimeSpan.FromSeconds(10));
            foreach (var assembly in line.GetAll("assembly"))
            {
                builder.AddTogglesFromAssembly(MetadataLoadContext.LoadApplication(assembly));
            }

            if (!readsStore)
            {
                builder.UseInMemoryStore();
            }
            else if (!string.IsNullOrWhiteSpace(sqlite))
            {
                if (!File.Exists(sqlite) && line.Positionals[0] is not ("switch" or "flag" or "override" or "import"))
                {
                    throw new IOException($"SQLite file '{sqlite}' does not exist.");
                }

                builder.UseSqlite($"Data Source={sqlite}");
            }
            else
            {
                builder.UsePostgreSql(postgres!);
            }

            return new Session(services.BuildServiceProvider(), line.GetAll("assembly").Count > 0);
        }

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }

    /// <summary>The commands themselves.</summary>
    private sealed class Commands(Session session, CommandLine line, TextWriter output)
    {
        private bool Json => line.Has("json");

        private ToggleActor Actor => new(
            line.Get("actor") ?? Environment.UserName,
            (line.Get("roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        private string? Reason => line.Get("reason");

        public async Task<int> RunAsync(string command) => command switch
        {
            "list" => await ListAsync().ConfigureAwait(false),
            "show" => await ShowAsync().ConfigureAwait(false),
            "switch" => await SwitchAsync().ConfigureAwait(false),
            "flag" => await FlagAsync().ConfigureAwait(false),
            "override" => await OverrideAsync().ConfigureAwait(false),
            "history" => await HistoryAsync().ConfigureAwait(false),
            "delete" => await DeleteAsync().ConfigureAwait(false),
            "report" => await ReportAsync().ConfigureAwait(false),
            "lint" => await LintAsync().ConfigureAwait(false),
            "export" => await ExportAsync().ConfigureAwait(false),
            "import" => await ImportAsync().ConfigureAwait(false),
            "manifest" => await ManifestAsync().ConfigureAwait(false),
            _ => throw new UsageException($"Unknown command '{command}'. Run 'toggles --help'."),
        };

        private async Task<int> ListAsync()
        {
            var report = await session.Reporter.CreateReportAsync().ConfigureAwait(false);
            var ns = line.Get("namespace");
            var type = line.Get("type");
            var status = line.Get("status");
            if (status is not null && !Enum.TryParse<ToggleStatus>(status, ignoreCase: true, out _))
            {
                throw new UsageException($"--status must be on, off or both, not '{status}'.");
            }

            var entries = report.Entries
                .Where(e => ns is null || e.Name.StartsWith(ns + ".", StringComparison.Ordinal))
                .Where(e => type is null || e.Implementation.StartsWith(type, StringComparison.OrdinalIgnoreCase))
                .Where(e => status is null || string.Equals(e.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (Json)
            {
                await output.WriteLineAsync(new ToggleReport(report.GeneratedAt, entries).ToJson()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await WriteTableAsync(["NAME", "TYPE", "STATUS", "SETTINGS"], entries.Select(e => new[] { e.Name, e.Implementation, e.Status.ToString().ToLowerInvariant(), e.CurrentSettings })).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        private async Task<int> ShowAsync()
        {
            var name = Name(1);
            var entry = (await session.Reporter.CreateReportAsync().ConfigureAwait(false)).Entries.FirstOrDefault(e => e.Name == name)
                ?? throw new KeyNotFoundException($"Unknown toggle '{name}': it is neither declared nor stored.");
            var records = await session.Store.ListAsync(ToggleKeys.OverridePrefix(name)).ConfigureAwait(false);
            var history = await session.Admin.GetHistoryAsync(name).ConfigureAwait(false);
            if (Json)
            {
                await output.WriteLineAsync(new ToggleReport(DateTimeOffset.UtcNow, [entry]).ToJson()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{entry.Name} ({entry.Implementation}{(entry.IsOrphan ? ", not declared" : string.Empty)})").ConfigureAwait(false);
            if (!entry.IsOrphan)
            {
                await output.WriteLineAsync($"  description: {entry.Description}").ConfigureAwait(false);
                await output.WriteLineAsync($"  use cases:   {string.Join(", ", ToggleReport.UseCaseNames(entry.UseCases))}").ConfigureAwait(false);
                await output.WriteLineAsync($"  created:     {entry.CreatedOn:yyyy-MM-dd}; target removal: {(entry.TargetRemovalOn is { } r ? r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none")}; owner: {entry.Owner ?? "none"}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"  status:      {entry.Status.ToString().ToLowerInvariant()}").ConfigureAwait(false);
            await output.WriteLineAsync($"  settings:    {entry.CurrentSettings}").ConfigureAwait(false);
            foreach (var record in records)
            {
                await output.WriteLineAsync($"  override:    {record.Key[(name.Length + 1)..]} = {(StoredValueCodec.DecodeOverride(record.Value) ? "on" : "off")}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("  last changes:").ConfigureAwait(false);
            foreach (var change in history.TakeLast(5))
            {
                await output.WriteLineAsync($"    {change.At:u} {change.Actor} {change.Action} {change.Key}{(change.Reason is null ? string.Empty : ": " + change.Reason)}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }

        private async Task<int> SwitchAsync()
        {
            var name = Name(1);
            var on = OnOff(line.Positional(2, "on or off"), "switch value");
            var record = await session.Admin.SetSwitchAsync(name, on, Actor, Reason).ConfigureAwait(false);
            return await DoneAsync($"{name} switched {(on ? "on" : "off")} (version {record.Version})").ConfigureAwait(false);
        }

        private async Task<int> FlagAsync()
        {
            var name = Name(1);
            var known = new HashSet<string>(StringComparer.Ordinal)
            {
                "everyone", "percent", "add-user", "remove-user", "add-group", "remove-group", "staff", "superusers", "authenticated", "languages", "testing",
                "sqlite", "postgres", "assembly", "actor", "roles", "reason", "json", "verbose",
            };
            if (line.OptionNames.FirstOrDefault(o => !known.Contains(o)) is { } unknown)
            {
                throw new UsageException($"Unknown option --{unknown} for 'flag'.");
            }

            decimal? percent = null;
            if (line.Get("percent") is { } rawPercent)
            {
                percent = decimal.TryParse(rawPercent, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new UsageException($"--percent must be a number from 0 to 100, not '{rawPercent}'.");
            }

            var record = await session.Admin.UpdateFlagAsync(name, rules => rules with
            {
                Everyone = line.Get("everyone") is { } everyone ? (everyone == "unset" ? null : OnOff(everyone, "--everyone")) : rules.Everyone,
                Percent = percent ?? rules.Percent,
                Staff = Bool("staff") ?? rules.Staff,
                Superusers = Bool("superusers") ?? rules.Superusers,
                Authenticated = Bool("authenticated") ?? rules.Authenticated,
                Testing = Bool("testing") ?? rules.Testing,
                Users = Edit(rules.Users, "add-user", "remove-user"),
                Groups = Edit(rules.Groups, "add-group", "remove-group"),
                Languages = line.Get("languages") is { } languages ? languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : rules.Languages,
            }, Actor, Reason).ConfigureAwait(false);
            return await DoneAsync($"{name}: {StoredValueCodec.DecodeFlag(record.Value)} (version {record.Version})").ConfigureAwait(false);
        }

        private async Task<int> OverrideAsync()
        {
            var level = line.Positional(1, "override level (course, org or site)") switch
            {
                "course" => OverrideLevel.Course,
                "org" => OverrideLevel.Organization,
                "site" => OverrideLevel.Site,
                var other => throw new UsageException($"Override level must be course, org or site, not '{other}'."),
            };
            var name = Name(2);
            var key = line.Positional(3, "override key");
            var value = line.Positional(4, "on, off or clear");
            bool? enabled = value == "clear" ? null : OnOff(value, "override value");
            await session.Admin.SetOverrideAsync(name, level, key, enabled, Actor, Reason).ConfigureAwait(false);
            return await DoneAsync($"{name} {line.Positionals[1]} override for '{key}' {(enabled is null ? "cleared" : enabled.Value ? "on" : "off")}").ConfigureAwait(false);
        }

        private async Task<int> HistoryAsync()
        {
            var name = Name(1);
            var history = await session.Admin.GetHistoryAsync(name).ConfigureAwait(false);
            if (Json)
            {
                await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(history.Select(h => new
                {
                    h.Key, Action = h.Action.ToString(), h.Before, h.After, h.Actor, h.Reason, h.At, h.Version,
                }))).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await WriteTableAsync(["AT", "ACTOR", "ACTION", "KEY", "REASON"], history.Select(h => new[] { h.At.ToString("u", CultureInfo.InvariantCulture), h.Actor, h.Action.ToString(), h.Key, h.Reason ?? string.Empty })).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        private async Task<int> DeleteAsync()
        {
            var name = Name(1);
            if (session.Registry.TryGet(name, out var declared) && !line.Has("force"))
            {
                await output.WriteLineAsync($"Refused: {name} is still declared ({declared.DeclaredAt}). Remove it from the code and deploy first (step one), or pass --force.").ConfigureAwait(false);
                return ExitCodes.Findings;
            }

            var deleted = await session.Admin.DeleteAsync(name, Actor, Reason).ConfigureAwait(false);
            return await DoneAsync($"{name}: {deleted} stored key(s) deleted").ConfigureAwait(false);
        }

        private async Task<int> ReportAsync()
        {
            var report = await session.Reporter.CreateReportAsync().ConfigureAwait(false);
            var text = (line.Get("format") ?? "md") switch
            {
                "json" => report.ToJson(),
                "csv" => report.ToCsv(),
                "md" or "markdown" => report.ToMarkdown(),
                var other => throw new UsageException($"--format must be json, csv or md, not '{other}'."),
            };
            await output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        private async Task<int> LintAsync()
        {
            var failOn = line.Get("fail-on") ?? "error";
            if (!Enum.TryParse<ToggleLintSeverity>(failOn, ignoreCase: true, out var threshold))
            {
                throw new UsageException($"--fail-on must be error, warning or info, not '{failOn}'.");
            }

            var findings = await session.Reporter.LintAsync().ConfigureAwait(false);
            if (Json)
            {
                await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(findings.Select(f => new { f.Toggle, f.Rule, Severity = f.Severity.ToString(), f.Message, f.FixHint }))).ConfigureAwait(false);
            }
            else
            {
                foreach (var finding in findings)
                {
                    await output.WriteLineAsync(finding.ToString()).ConfigureAwait(false);
                }

                await output.WriteLineAsync($"{findings.Count} finding(s).").ConfigureAwait(false);
            }

            return findings.Any(f => f.Severity >= threshold) ? ExitCodes.Findings : ExitCodes.Ok;
        }

        private async Task<int> ExportAsync()
        {
            var file = line.Positional(1, "output file");
            await File.WriteAllTextAsync(file, await session.Transfer.ExportAsync().ConfigureAwait(false), Encoding.UTF8).ConfigureAwait(false);
            return await DoneAsync($"Exported to {file}").ConfigureAwait(false);
        }

        private async Task<int> ImportAsync()
        {
            var file = line.Positional(1, "import file");
            if (!File.Exists(file))
            {
                throw new UsageException($"Import file '{file}' does not exist.");
            }

            var result = await session.Transfer.ImportAsync(await File.ReadAllTextAsync(file).ConfigureAwait(false), new ToggleImportOptions
            {
                Actor = Actor,
                Reason = Reason ?? $"import of {Path.GetFileName(file)}",
                DryRun = line.Has("dry-run"),
                DeleteMissing = line.Has("delete-missing"),
            }).ConfigureAwait(false);
            foreach (var change in result.Changes)
            {
                await output.WriteLineAsync($"{change.Kind.ToString().ToLowerInvariant(),-8} {change.Key}").ConfigureAwait(false);
            }

            foreach (var problem in result.Problems)
            {
                await output.WriteLineAsync($"{problem.Severity.ToString().ToLowerInvariant(),-8} {problem.Key}: {problem.Message}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{result.Changes.Count} change(s) {(result.Applied ? "applied" : "found (dry run, nothing written)")}; {result.Problems.Count} problem(s).").ConfigureAwait(false);
            return result.Problems.Any(p => p.Severity == ToggleLintSeverity.Error) ? ExitCodes.Findings : ExitCodes.Ok;
        }

        private async Task<int> ManifestAsync()
        {
            var file = line.Get("typescript") ?? throw new UsageException("manifest needs --typescript FILE.");
            if (!session.HasDeclarations)
            {
                throw new UsageException("manifest needs --assembly to read the declared toggles.");
            }

            var ts = new StringBuilder("// Generated by `toggles manifest`; do not edit. Toggle names shared with the back end.\n");
            ts.Append("export const Toggles = {\n");
            foreach (var toggle in session.Registry.Toggles)
            {
                ts.Append(CultureInfo.InvariantCulture, $"  /** {toggle.Metadata.Description.Replace("*/", "* /", StringComparison.Ordinal)} */\n");
                ts.Append(CultureInfo.InvariantCulture, $"  {Identifier(toggle.FullName)}: \"{toggle.FullName}\",\n");
            }

            ts.Append("} as const;\n\nexport type ToggleName = (typeof Toggles)[keyof typeof Toggles];\n");
            await File.WriteAllTextAsync(file, ts.ToString()).ConfigureAwait(false);
            return await DoneAsync($"Wrote {session.Registry.Toggles.Count} toggle name(s) to {file}").ConfigureAwait(false);
        }

        private string Name(int position)
        {
            var name = line.Positional(position, "toggle name");
            if (!ToggleNames.IsValidFullName(name))
            {
                throw new UsageException($"'{name}' is not a valid toggle name (expected namespace.name in lower case).");
            }

            return name;
        }

        private bool? Bool(string option) => line.Get(option) is { } value ? OnOff(value, "--" + option) : null;

        private IReadOnlyList<string> Edit(IReadOnlyList<string> current, string add, string remove)
            => [.. current.Except(line.GetAll(remove), StringComparer.Ordinal).Union(line.GetAll(add), StringComparer.Ordinal)];

        private static bool OnOff(string value, string what) => value switch
        {
            "on" or "true" => true,
            "off" or "false" => false,
            _ => throw new UsageException($"{what} must be on or off, not '{value}'."),
        };

        private static string Identifier(string fullName)
            => string.Concat(fullName.Split('.', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

        private async Task<int> DoneAsync(string message)
        {
            await output.WriteLineAsync(message).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        private async Task WriteTableAsync(string[] header, IEnumerable<string[]> rows)
        {
            var all = new List<string[]> { header };
            all.AddRange(rows);
            var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
            foreach (var row in all)
            {
                await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).ConfigureAwait(false);
            }
        }
    }
}

namespace FeatureFlags.Cli;

/// <summary>
/// A parsed command line: positional arguments and <c>--name value</c> / <c>--flag</c> options (repeatable).
/// </summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "verbose", "help", "force", "dry-run", "delete-missing" };
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                Add("help", "true");
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var name = arg[2..];
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    Add(name[..equals], name[(equals + 1)..]);
                }
                else if (Flags.Contains(name))
                {
                    Add(name, "true");
                }
                else if (i + 1 < args.Count)
                {
                    Add(name, args[++i]);
                }
                else
                {
                    throw new UsageException($"Option --{name} needs a value.");
                }
            }
            else
            {
                Positionals.Add(arg);
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public IEnumerable<string> OptionNames => _options.Keys;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string Positional(int index, string what)
        => index < Positionals.Count ? Positionals[index] : throw new UsageException($"Missing {what}.");

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}

/// <summary>A command-line mistake: reported on one line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

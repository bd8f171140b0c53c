using System.Globalization;

namespace FeatureFlags.Cli;

/// <summary>
/// A parsed command line: positional arguments and <c>--name value</c> / <c>--flag</c> options (repeatable).
/// Numbers are read with the invariant culture and without group separators, so <c>0,5</c> is an error, not 5.
/// </summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "verbose", "help", "force", "dry-run", "delete-missing", "create", "version", "none", "always", "dependants" };
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

    /// <summary>Refuses options the command does not know and positional arguments beyond its own.</summary>
    public void Check(string command, IReadOnlySet<string> allowed, int positionals)
    {
        if (OptionNames.FirstOrDefault(o => !allowed.Contains(o)) is { } unknown)
        {
            throw new UsageException($"Unknown option --{unknown} for '{command}'. Run 'toggles --help'.");
        }

        if (Positionals.Count > positionals)
        {
            throw new UsageException($"Unexpected argument '{Positionals[positionals]}' for '{command}'. Run 'toggles --help'.");
        }
    }

    /// <summary>Returns a whole number option (digits only), or <see langword="null"/> when it is not given.</summary>
    public long? GetWholeNumber(string name, long min, long max)
    {
        if (Get(name) is not { } raw)
        {
            return null;
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{raw}'.");
    }

    /// <summary>Returns a decimal option written with '.' as the decimal point, or <see langword="null"/> when it is not given.</summary>
    public decimal? GetDecimal(string name, string range)
    {
        if (Get(name) is not { } raw)
        {
            return null;
        }

        return decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a number {range}, written with '.' as the decimal point (such as 12.5), not '{raw}'.");
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}

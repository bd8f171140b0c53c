namespace FeatureFlags.Cli.Commands;

/// <summary>
/// One <c>toggles</c> command: its name, how it uses the store, the options and arguments it accepts, and what it does.
/// </summary>
internal abstract class CliCommand
{
    /// <summary>Options every command accepts.</summary>
    protected static readonly string[] CommonOptions = ["sqlite", "postgres", "assembly", "json", "verbose", "help"];

    /// <summary>Options of every command that changes state: who, why, and whether a new store may be created.</summary>
    protected static readonly string[] WriteOptions = ["actor", "roles", "reason", "create"];

    /// <summary>Options of the commands that write a value which can be time-bound: when it applies.</summary>
    protected static readonly string[] ScheduleOptions = ["from", "until"];

    private HashSet<string>? _allowed;

    /// <summary>Gets the command's name, as typed.</summary>
    public abstract string Name { get; }

    /// <summary>Gets how the command uses the store.</summary>
    public abstract StoreAccess Access { get; }

    /// <summary>Gets the number of positional arguments, the command's name included.</summary>
    public abstract int Arguments { get; }

    /// <summary>Gets the options this command accepts beyond <see cref="CommonOptions"/>.</summary>
    protected abstract IEnumerable<string> Options { get; }

    /// <summary>Gets every option the command accepts.</summary>
    public IReadOnlySet<string> AllowedOptions => _allowed ??= new HashSet<string>(CommonOptions.Concat(Options), StringComparer.Ordinal);

    /// <summary>Runs the command and returns its exit code.</summary>
    public abstract Task<int> RunAsync(CommandContext context);
}

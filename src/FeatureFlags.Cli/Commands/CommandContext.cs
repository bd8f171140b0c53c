using FeatureFlags.Storage;

namespace FeatureFlags.Cli.Commands;

/// <summary>What a command works with: the session, the command line and the output, and the readings they share.</summary>
internal sealed class CommandContext(CliSession session, CommandLine line, CliOutput output)
{
    public CliSession Session => session;

    public CommandLine Line => line;

    public CliOutput Output => output;

    public bool Json => line.Has("json");

    public ToggleActor Actor => new(
        line.Get("actor") ?? Environment.UserName,
        (line.Get("roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public string? Reason => line.Get("reason");

    /// <summary>Gets the <c>--expect-version</c> the caller read (0: nothing stored), or <see langword="null"/>.</summary>
    public long? ExpectedVersion => line.GetWholeNumber("expect-version", 0, long.MaxValue);

    /// <summary>
    /// Gets the schedule of <c>--from</c> and <c>--until</c> (ISO 8601 with Z or an offset, stored in UTC), or
    /// <see langword="null"/> when neither is given; a local time without an offset is a usage error.
    /// </summary>
    public ToggleSchedule? Schedule => ScheduleText.Parse(line.Get("from"), line.Get("until"), "--from", "--until");

    /// <summary>Returns " (scheduled from ...)" for a command's confirmation line, or nothing for an unscheduled write.</summary>
    public static string Scheduled(ToggleSchedule? schedule) => schedule is null ? string.Empty : $" (scheduled {schedule})";

    /// <summary>Returns the toggle name at a position, checked for form.</summary>
    public string ToggleName(int position)
    {
        var name = line.Positional(position, "toggle name");
        if (!ToggleNames.IsValidFullName(name))
        {
            throw new UsageException($"'{name}' is not a valid toggle name (expected namespace.name in lower case).");
        }

        return name;
    }

    /// <summary>
    /// Refuses a write to a name nobody knows, the usual sign of a typo, unless <c>--create</c> is given: with
    /// <c>--assembly</c> the name must be declared there; without it, it must be stored (rules or overrides).
    /// </summary>
    /// <exception cref="ToggleException">With <see cref="ToggleErrorCode.NotFound"/>, naming the nearest known name.</exception>
    public async Task RequireKnownAsync(string name)
    {
        if (line.Has("create"))
        {
            return;
        }

        await RequireAsync(name, storedIsEnough: !session.HasDeclarations, "Nothing was changed; pass --create to write it anyway.").ConfigureAwait(false);
    }

    /// <summary>Refuses to delete a name that is neither declared nor stored.</summary>
    /// <exception cref="ToggleException">With <see cref="ToggleErrorCode.NotFound"/>, naming the nearest known name.</exception>
    public Task RequireDeletableAsync(string name) => RequireAsync(name, storedIsEnough: true, "Nothing was deleted.");

    /// <summary>Refuses to revert a name that is neither declared nor stored and has no audit.</summary>
    /// <exception cref="ToggleException">With <see cref="ToggleErrorCode.NotFound"/>, naming the nearest known name.</exception>
    public Task RequireRevertableAsync(string name) => RequireAsync(name, storedIsEnough: true, "Nothing was changed.");

    private async Task RequireAsync(string name, bool storedIsEnough, string outcome)
    {
        if (session.Registry.TryGet(name, out _))
        {
            return;
        }

        var stored = await session.Store.GetAsync(name).ConfigureAwait(false) is not null
            || (await session.Store.ListAsync(ToggleKeys.OverridePrefix(name)).ConfigureAwait(false)).Count > 0;
        if (stored && storedIsEnough)
        {
            return;
        }

        var storedNames = (await StoredToggles.ListAsync(session.Store).ConfigureAwait(false))
            .Select(r => ToggleKeys.TryParse(r.Key, out var fullName, out _, out _) ? fullName : null)
            .OfType<string>();
        var nearest = NameSuggestions.Nearest(name, session.Registry.Toggles.Select(t => t.FullName).Concat(storedNames));
        var what = (session.HasDeclarations, stored) switch
        {
            (true, true) => "is stored but not declared in the given assemblies",
            (true, false) => "is neither declared in the given assemblies nor stored",
            _ => "is neither declared nor stored",
        };
        var hint = nearest is null ? string.Empty : $"; did you mean {nearest}?";
        throw new ToggleException(ToggleErrorCode.NotFound, $"'{name}' {what}{(hint.Length == 0 ? "." : hint)} {outcome}", name);
    }
}

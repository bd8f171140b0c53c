namespace FeatureFlags.Cli.Commands;

/// <summary>Reads on/off values of arguments and options.</summary>
internal static class OnOff
{
    public static bool Parse(string value, string what) => value switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new UsageException($"{what} must be on or off, not '{value}'."),
    };

    public static bool? Option(CommandLine line, string option) => line.Get(option) is { } value ? Parse(value, "--" + option) : null;
}

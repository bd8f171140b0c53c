namespace FeatureFlags;

/// <summary>
/// Supplies the <see cref="ToggleContext"/> of the current operation when no <see cref="ToggleScope"/> is open.
/// Replace it to read the context from your framework; ASP.NET Core integration does so from the request.
/// </summary>
public interface IToggleContextAccessor
{
    /// <summary>
    /// Gets the current context, or <see langword="null"/> for an anonymous one.
    /// </summary>
    ToggleContext? Context { get; }
}

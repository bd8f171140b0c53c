
namespace FeatureFlags.Samples.Web;

/// <summary>
/// State the sample stores once in development so that operators find something to look at: the gift card balance
/// requires gift cards on. Prerequisites are stored state, not code, so they are written through
/// <see cref="IToggleAdmin"/> like any change: versioned and audited.
/// </summary>
public static partial class DemoState
{
    /// <summary>The actor the audit names for the demo state.</summary>
    public static readonly ToggleActor Actor = new("sample-setup");

    /// <summary>
    /// Stores the demo prerequisite unless the toggle was ever changed (its audit is not empty), so an operator's own
    /// change is never undone by a restart.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="logger">Where a store that cannot be used is reported.</param>
    /// <returns>A task that completes when the state is stored or was already there.</returns>
    public static async Task SeedAsync(IToggleAdmin admin, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(logger);
        var balance = StorefrontToggles.GiftCardBalance.FullName;
        try
        {
            if ((await admin.GetHistoryPageAsync(balance, limit: 1)).Entries.Count > 0)
            {
                return;
            }

            await admin.SetPrerequisitesAsync(balance, [new TogglePrerequisite(StorefrontToggles.GiftCards.FullName)], Actor, "sample: the balance page needs gift cards", expectedVersion: 0);
        }
        catch (ToggleConflictException)
        {
            // Another instance stored it first.
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) == ToggleErrorCode.StoreUnavailable)
        {
            NotSeeded(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The sample's demo prerequisite was not stored: {Message}")]
    private static partial void NotSeeded(ILogger logger, string message);
}

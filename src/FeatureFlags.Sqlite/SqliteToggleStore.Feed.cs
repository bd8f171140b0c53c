using FeatureFlags.Storage;

namespace FeatureFlags.Sqlite;

// The change feed: polls the version counter and reports what changed.
public sealed partial class SqliteToggleStore
{
    /// <inheritdoc />
    private protected override async Task RunChangeFeedAsync(CancellationToken stoppingToken)
    {
        var token = stoppingToken;
        long? last = null;
        var failing = false;
        using var timer = new PeriodicTimer(_options.PollInterval, TimeProvider);
        do
        {
            try
            {
                var current = await GetCurrentVersionAsync(token).ConfigureAwait(false);
                var replaced = Interlocked.Exchange(ref _fileReplaced, 0) == 1;
                if (failing || replaced || last is null || current < last)
                {
                    // First look (a change may have landed between the listeners' initial load and now: a load that
                    // already holds version `current` has seen it), recovery after a failure (the file was missing, or
                    // locked), or a replaced file: everything may have changed.
                    Publish(last is null && !failing && !replaced && current > 0 ? ToggleStoreChange.Everything(current) : ToggleStoreChange.Everything());
                    last = current;
                    failing = false;
                    continue;
                }

                if (current != last)
                {
                    // One announcement per poll, carrying the values: listeners apply it at once, reading nothing back.
                    var (changes, newest) = await ReadChangesSinceAsync(last.Value, token).ConfigureAwait(false);
                    if (changes.Count > 0)
                    {
                        Publish(ToggleStoreChange.Batch(changes));
                    }

                    last = newest;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The poller must survive any failure of the database and keep trying.
            catch (Exception)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    // Tell listeners their view may be stale; their own reads then report the outage.
                    failing = true;
                    last ??= 0;
                    Publish(ToggleStoreChange.Everything());
                }
            }
        }
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false));
    }
}

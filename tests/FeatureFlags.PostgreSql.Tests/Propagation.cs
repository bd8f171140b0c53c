namespace FeatureFlags.PostgreSql.Tests;

internal static class Propagation
{
    /// <summary>
    /// Retries an operation while the server is still coming back (connection refused); gives up after 30 s.
    /// </summary>
    public static async Task RetryWhileUnavailableAsync(Func<Task> operation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await operation();
                return;
            }
            catch (Npgsql.NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                await Task.Yield();
            }
        }
    }
}

namespace FeatureFlags.Cli;

/// <summary>How a command uses the store, which decides how the store is opened.</summary>
internal enum StoreAccess
{
    /// <summary>No store: the command reads declarations only (an empty in-memory store stands in).</summary>
    None,

    /// <summary>Reads only: the store is opened read-only and is never created or migrated.</summary>
    Read,

    /// <summary>Writes: an existing store only, unless <c>--create</c> is given.</summary>
    Write,
}

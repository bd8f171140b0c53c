namespace FeatureFlags.Sqlite;

/// <summary>
/// Which file a path names at a given moment, so the store can tell the database file its connections opened from a
/// file put in its place.
/// </summary>
/// <remarks>
/// <para>On Linux this is the device and inode number (<see cref="LinuxFileStatus"/>): a file deleted and created
/// again, or replaced by a rename (the usual way to restore a backup), has a new inode even when its name, size and
/// times match what was there. Connections opened earlier still hold the old inode, which is exactly what must be
/// detected. SQLite itself keeps the inode of every open file but exposes the comparison only through
/// <c>sqlite3_file_control(SQLITE_FCNTL_HAS_MOVED)</c>, which SQLitePCLRaw does not surface, and
/// <c>PRAGMA data_version</c> reports only commits made through the same file, so it stays silent when the file is
/// swapped.</para>
/// <para>The path is only looked up, never opened: closing any descriptor of a file releases every POSIX lock the
/// process holds on it, SQLite's included.</para>
/// <para>Elsewhere the creation time stands in for the inode: macOS keeps a birth time per inode, and Windows cannot
/// delete or rename a database file while SQLite holds it open.</para>
/// </remarks>
internal readonly record struct SqliteFileIdentity(ulong Device, ulong Inode, long CreationTicks)
{
    /// <summary>
    /// Returns the identity of the file at <paramref name="path"/>, or <see langword="null"/> when there is none (or it
    /// cannot be looked up, which the store treats the same way: it cannot be used).
    /// </summary>
    public static SqliteFileIdentity? Of(string path)
    {
        if (LinuxFileStatus.TryGetIdentity(path, out var device, out var inode) is { } found)
        {
            return found ? new SqliteFileIdentity(device, inode, 0) : null;
        }

        return File.Exists(path) ? new SqliteFileIdentity(0, 0, File.GetCreationTimeUtc(path).Ticks) : null;
    }
}

using System.Runtime.InteropServices;

namespace FeatureFlags.Sqlite;

/// <summary>
/// The device and inode number of a path on Linux, from <c>statx(2)</c>. <c>statx</c> rather than <c>stat</c> because
/// its buffer has one layout on every Linux architecture, while <c>struct stat</c> differs between them.
/// </summary>
internal static partial class LinuxFileStatus
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint InodeMask = 0x100; // STATX_INO; the device is always filled in
    private const int NoSuchFile = 2; // ENOENT
    private const int NotADirectory = 20; // ENOTDIR
    private const int NotImplemented = 38; // ENOSYS

    private static volatile bool s_unsupported = !OperatingSystem.IsLinux();

    /// <summary>
    /// Returns <see langword="true"/> with the identity when the path names a file, <see langword="false"/> when it
    /// does not (or cannot be looked up), and <see langword="null"/> when statx is not available here.
    /// </summary>
    public static bool? TryGetIdentity(string path, out ulong device, out ulong inode)
    {
        device = 0;
        inode = 0;
        if (s_unsupported)
        {
            return null;
        }

        try
        {
            if (Statx(CurrentDirectory, path, 0, InodeMask, out var buffer) == 0)
            {
                device = ((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor;
                inode = buffer.Inode;
                return true;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error is NoSuchFile or NotADirectory)
            {
                return false;
            }

            // ENOSYS on kernels older than 4.11 or under seccomp filters that refuse statx; other errors (EACCES)
            // mean the file cannot be used either way.
            return error == NotImplemented ? Unsupported() : false;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28, musl before 1.2.5).
            return Unsupported();
        }
    }

    private static bool? Unsupported()
    {
        s_unsupported = true;
        return null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>The fields of <c>struct statx</c> (256 bytes, fixed layout) that identify a file.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }
}


namespace FeatureFlags;

/// <summary>
/// Sticky percentage rollout: places a (toggle, user) pair in one of 100,000 buckets with a stable hash, so the same user
/// gets the same answer in every process and raising the percentage only ever adds users.
/// </summary>
/// <remarks>
/// The bucket is <c>Fmix64(Fnv1a64(UTF-8 bytes of "{fullName}:{userId}")) mod 100000</c>, where FNV-1a 64 uses
/// offset basis 0xcbf29ce484222325 and prime 0x100000001b3, and Fmix64 is MurmurHash3's 64-bit finalizer.
/// Test vectors for other languages are in <c>docs/percent-rollout-vectors.csv</c>.
/// </remarks>
public static class PercentRollout
{
    /// <summary>
    /// The number of buckets: one bucket is 0.001 %.
    /// </summary>
    public const int BucketCount = 100_000;

    private const ulong FnvOffsetBasis = 0xcbf29ce484222325;
    private const ulong FnvPrime = 0x100000001b3;

    /// <summary>
    /// Returns the bucket, from 0 to 99,999, of a user for a toggle.
    /// </summary>
    /// <param name="fullName">The toggle's full name.</param>
    /// <param name="userId">The user's id or sticky anonymous id.</param>
    /// <returns>The bucket.</returns>
    public static int GetBucket(string fullName, string userId)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        ArgumentNullException.ThrowIfNull(userId);
        return GetBucket(fullName.AsSpan(), userId.AsSpan());
    }

    /// <summary>
    /// Returns the number of buckets that a percentage covers: a user is in when their bucket is below it.
    /// </summary>
    /// <param name="percent">The percentage, 0 to 100.</param>
    /// <returns>The threshold, 0 to 100,000.</returns>
    public static int GetThreshold(decimal percent)
        => (int)decimal.Round(Math.Clamp(percent, 0m, 100m) * (BucketCount / 100), MidpointRounding.ToZero);

    internal static int GetBucket(ReadOnlySpan<char> fullName, ReadOnlySpan<char> userId)
        => GetBucket(GetPrefixState(fullName), userId);

    /// <summary>
    /// Returns the hash state after <c>"{fullName}:"</c>, which a flag computes once and reuses for every user.
    /// </summary>
    internal static ulong GetPrefixState(ReadOnlySpan<char> fullName)
        => (Append(FnvOffsetBasis, fullName) ^ ':') * FnvPrime;

    internal static int GetBucket(ulong prefixState, ReadOnlySpan<char> userId)
        => (int)(Fmix64(Append(prefixState, userId)) % BucketCount);

    private static ulong Append(ulong hash, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII is its own UTF-8: the common case for ids, and no encoding work.
                hash = (hash ^ c) * FnvPrime;
                continue;
            }

            // Invalid UTF-16 (a lone surrogate) hashes as U+FFFD, as UTF-8 encoders replace it.
            System.Text.Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            i += consumed - 1;
            var written = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < written; b++)
            {
                hash = (hash ^ utf8[b]) * FnvPrime;
            }
        }

        return hash;
    }

    private static ulong Fmix64(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccd;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53;
        k ^= k >> 33;
        return k;
    }
}

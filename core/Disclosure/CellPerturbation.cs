using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Linkage.Disclosure;

/// <summary>
/// The cell-key method of interactive table builders (cohort-v1, "Disclosure control"): each person has a fixed
/// pseudo-random key derived from a server secret, a cell's key is the sum of its people's keys modulo 1, and the
/// published count is the exact count plus an offset of at most 2 looked up from that cell key.
/// </summary>
/// <remarks>
/// Keys are 64-bit fractions of 1, so "modulo 1" is unsigned overflow and the keys of disjoint sets of people
/// (index partitions) simply add up. A person's key is a seeded XxHash3 of the index's fingerprint of the person:
/// fast enough to take for every member of every cohort, and unknown without the secret. The offsets are drawn
/// -2, -1, 0, +1, +2 with probabilities 0.1, 0.2, 0.4, 0.2, 0.1 (mean 0, variance 1.2); a count of 1 or 2 is never
/// published as 0 or less, and 0 stays 0.
/// </remarks>
public sealed class CellPerturbation
{
    private static readonly ulong[] Bounds = [Fraction(0.1), Fraction(0.3), Fraction(0.7), Fraction(0.9)];
    private readonly long _seed;

    /// <param name="secret">The deployment's perturbation secret (<c>Linkage:Cohorts:Perturbation:Secret</c>).</param>
    public CellPerturbation(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _seed = (long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>A person's key, from the fingerprint the index keeps of them (<see cref="Fingerprint"/>).</summary>
    public ulong PersonKey(ulong fingerprint)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, fingerprint);
        return XxHash3.HashToUInt64(bytes, _seed);
    }

    /// <summary>The fingerprint of a person id that the index keeps beside the person's columns.</summary>
    public static ulong Fingerprint(string person)
    {
        // Taken for every person of every index update: person ids are short, so no array for them.
        var length = Encoding.UTF8.GetMaxByteCount(person.Length);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        return XxHash3.HashToUInt64(bytes[..Encoding.UTF8.GetBytes(person, bytes)]);
    }

    /// <summary>The offset of a cell of <paramref name="count"/> people whose keys sum to <paramref name="cellKey"/>.</summary>
    public static long Offset(long count, ulong cellKey)
    {
        if (count <= 0) return 0;
        long offset = 2;
        for (var i = 0; i < Bounds.Length; i++)
        {
            if (cellKey < Bounds[i])
            {
                offset = i - 2;
                break;
            }
        }

        return Math.Max(offset, 1 - count);
    }

    private static ulong Fraction(double share) => (ulong)(share * 18446744073709551616.0);
}

namespace Linkage.Population;

/// <summary>
/// Record ids that are unique within the whole population yet say nothing about who the record is about:
/// (person, sequence) goes through a keyed bijection of 64-bit numbers, so ids never repeat and never leak truth.
/// </summary>
internal static class RecordIds
{
    /// <summary>Sequences at or above this mark the ids of malformed lines, apart from every valid record's.</summary>
    public const int MalformedSequence = 1 << 19;

    public static ulong KeyOf(int seed) => Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

    public static string Make(string prefix, ulong key, int person, int sequence)
    {
        var value = ((ulong)(uint)person << 20) | (uint)sequence;
        return prefix + "-" + Mix(value ^ key).ToString("X16");
    }

    /// <summary>A seed for one person's random stream; distinct streams give unrelated sequences.</summary>
    public static ulong SeedOf(int seed, int person, int stream) =>
        Mix(KeyOf(seed) ^ ((ulong)(uint)person << 8) ^ (uint)stream);

    /// <summary>The SplitMix64 finaliser: xor-shifts and odd multiplications, each a bijection.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }
}

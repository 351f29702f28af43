using System.IO.Hashing;
using System.Text;

namespace Linkage.Feeds;

/// <summary>
/// One string instance for each short value that recurs across lines (sources, birth months, codes, facilities,
/// units), so that the millions of records a silo holds share them instead of each holding its own copy.
/// </summary>
/// <remarks>
/// A fixed table of slots indexed by a hash of the UTF-8 bytes: a miss makes a new string and takes the slot. Slots
/// are read and written without locks; a race only costs a duplicate string, never a wrong one, because a slot's
/// string is compared with the bytes before it is used.
/// </remarks>
internal static class SharedText
{
    /// <summary>Longer values are rarely shared; they are made afresh.</summary>
    public const int MaxBytes = 32;

    private const int Slots = 1 << 14;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The shared string for <paramref name="utf8"/> (unescaped JSON string bytes).</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return Encoding.UTF8.GetString(utf8);
        var slot = (int)(XxHash3.HashToUInt64(utf8) & (Slots - 1));
        var existing = Volatile.Read(ref Table[slot]);
        if (existing is not null && Matches(existing, utf8)) return existing;
        var made = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref Table[slot], made);
        return made;
    }

    private static bool Matches(string text, ReadOnlySpan<byte> utf8)
    {
        // Most values are ASCII: compare char by byte; anything else is compared through a decode.
        if (text.Length == utf8.Length && Ascii.IsValid(utf8)) return Ascii.Equals(utf8, text);
        return text.Length <= utf8.Length && Encoding.UTF8.GetString(utf8) == text;
    }
}

using System.Text;

namespace Linkage.Client.Import.Uke;

/// <summary>The character set of UKE files: Shift_JIS as Windows writes it (CP932), decoded strictly.</summary>
internal static class UkeText
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static UkeText()
    {
        // .NET Core knows only Unicode encodings until the code-page provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        ShiftJis = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        LenientShiftJis = Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>CP932 that throws on bytes that are not Shift_JIS instead of inventing characters.</summary>
    public static Encoding ShiftJis { get; }

    /// <summary>CP932 that replaces bad bytes, used only to find the record id of a line already found broken.</summary>
    public static Encoding LenientShiftJis { get; }

    /// <summary>True when <paramref name="bytes"/> hold a byte outside ASCII.</summary>
    public static bool HasNonAscii(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    /// <summary>True when the line is valid UTF-8 with multi-byte characters (or starts with a UTF-8 BOM).</summary>
    /// <remarks>Shift_JIS text with kana or kanji is almost never valid UTF-8, so this names a file saved in the wrong encoding.</remarks>
    public static bool LooksLikeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return true;
        if (!HasNonAscii(bytes)) return false;
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Linkage.Json;
using Linkage.Tokens;

namespace Linkage.Feeds;

/// <summary>
/// Reads one events-v1 field value at the reader's current token and checks its JSON type and format.
/// Each method returns null when the value is good, or the rejection reason (field name first) when it is not.
/// A JSON <c>null</c> counts as an absent field: the value comes back null and a required field reports it later.
/// </summary>
internal static class FieldReader
{
    /// <inheritdoc cref="FieldProblems.MaxEcho"/>
    public const int MaxEcho = FieldProblems.MaxEcho;

    /// <summary>Longer escaped text cannot unescape to any field name or choice we know.</summary>
    private const int MaxEscapedName = 128;

    /// <summary>Index of the current property name or string value in <paramref name="names"/>, or -1.</summary>
    public static int Match(ref Utf8JsonReader reader, string[] names)
    {
        if (!reader.ValueIsEscaped) return IndexOf(reader.ValueSpan, names);
        if (reader.ValueSpan.Length > MaxEscapedName) return -1;

        // Escaped names (\u0073ource) are rare but legal JSON: unescape, then compare.
        Span<byte> unescaped = stackalloc byte[MaxEscapedName];
        try
        {
            return IndexOf(unescaped[..reader.CopyString(unescaped)], names);
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape: it cannot be a name we know.
            return -1;
        }
    }

    public static string? ReadString(ref Utf8JsonReader reader, FieldPath path, out string? value)
    {
        value = null;
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => GetString(ref reader, path, out value),
            _ => MustBe(path, "a string"),
        };
    }

    /// <summary>A string of a field whose values recur across lines (a source, a code): one instance per value.</summary>
    public static string? ReadSharedString(ref Utf8JsonReader reader, FieldPath path, out string? value)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ReadString(ref reader, path, out value);
        }

        value = SharedText.Get(reader.ValueSpan);
        return null;
    }

    public static string? ReadBool(ref Utf8JsonReader reader, FieldPath path, out bool? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                value = true;
                return null;
            case JsonTokenType.False:
                value = false;
                return null;
            default:
                return MustBe(path, "a boolean");
        }
    }

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>, written without fraction or exponent.</summary>
    public static string? ReadInt(ref Utf8JsonReader reader, FieldPath path, int min, int max, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number) return MustBe(path, "a number");
        if (reader.TryGetInt32(out var number))
        {
            if (number < min) return $"{path}: must be at least {min}, not {number}";
            if (number > max) return $"{path}: must be at most {max}, not {number}";
            value = number;
            return null;
        }

        var raw = reader.ValueSpan;
        if (raw.IndexOfAny(".eE"u8) >= 0) return $"{path}: must be an integer, not {Raw(raw)}";

        // An integer literal that does not fit in 32 bits.
        return raw[0] == '-' ? $"{path}: must be at least {min}, not {Raw(raw)}" : $"{path}: must be at most {max}, not {Raw(raw)}";
    }

    public static string? ReadNumber(ref Utf8JsonReader reader, FieldPath path, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number) return MustBe(path, "a number");

        // JSON has no infinity, but 1e999 reads as one.
        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return NotFinite(path, Raw(reader.ValueSpan));
        }

        value = number;
        return null;
    }

    /// <summary>One of <paramref name="choices"/>; <paramref name="value"/> is the shared instance of that choice.</summary>
    public static string? ReadChoice(ref Utf8JsonReader reader, FieldPath path, string[] choices, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) return MustBe(path, "a string");
        var index = Match(ref reader, choices);
        if (index < 0) return $"{path}: {Echo(ref reader)} is not one of {string.Join(", ", choices)}";
        value = choices[index];
        return null;
    }

    /// <summary>A code that is free text: 1..32 printable characters (procedure, drug, YJ, K-code, vaccine).</summary>
    public static string? ReadCode(ref Utf8JsonReader reader, FieldPath path, out string? value) =>
        ReadPrintable(ref reader, path, FeedFormats.MaxCodeLength, out value, shared: true);

    /// <summary>1..<paramref name="maxLength"/> characters, none of them a control character.</summary>
    /// <param name="shared">The field's values recur across lines: one instance per value (see <see cref="ReadSharedString"/>).</param>
    public static string? ReadPrintable(ref Utf8JsonReader reader, FieldPath path, int maxLength, out string? value, bool shared = false)
    {
        var reason = shared ? ReadSharedString(ref reader, path, out value) : ReadString(ref reader, path, out value);
        if (reason is not null || value is null) return reason;
        var problem = FeedFormats.CheckPrintable(value, maxLength);
        if (problem == TextProblem.None) return null;
        var bad = value;
        value = null;
        return problem switch
        {
            TextProblem.Empty => FieldProblems.Empty(path.ToString()),
            TextProblem.TooLong => FieldProblems.TooLong(path.ToString(), bad, maxLength),
            _ => FieldProblems.ControlCharacter(path.ToString(), bad),
        };
    }

    /// <summary>An ICD-10 code such as <c>E11.9</c>, or <c>JP:</c> + 7 digits.</summary>
    public static string? ReadIcd10(ref Utf8JsonReader reader, FieldPath path, out string? value)
    {
        var reason = ReadSharedString(ref reader, path, out value);
        if (reason is not null || value is null || FeedFormats.IsIcd10(value)) return reason;
        var bad = value;
        value = null;
        return $"{path}: {FieldProblems.Quote(bad)} is not an ICD-10 code such as E11.9 (or JP: + 7 digits)";
    }

    /// <summary>A linkage token of <paramref name="kind"/>, in the field of its own kind.</summary>
    public static string? ReadToken(ref Utf8JsonReader reader, FieldPath path, TokenKind kind, out string? value)
    {
        var reason = ReadString(ref reader, path, out value);
        if (reason is not null || value is null || LinkageToken.IsWellFormed(value, kind)) return reason;
        var bad = value;
        value = null;
        var prefix = LinkageToken.Prefix(kind);
        var article = kind == TokenKind.Mid ? "a" : "an";

        // A value that is not even shaped like a token may be the raw identifier itself: never echoed, so that no
        // answer, ledger or log holds it.
        var shown = LinkageToken.KindOf(bad) is not null ? FieldProblems.Quote(bad) + " " : "the value (not shown: it does not start like a token and may be a raw identifier) ";
        return $"{path}: {shown}is not {article} {prefix} token ({prefix}. + {LinkageToken.HashChars} base64url characters)";
    }

    public static string Required(FieldPath path) => FieldProblems.Required(path.ToString());

    public static string NotFinite(FieldPath path, string number) => FieldProblems.NotFinite(path.ToString(), number);

    public static string Duplicate(FieldPath path) => FieldProblems.Duplicate(path.ToString());

    public static string MustBe(FieldPath path, string what) => FieldProblems.MustBe(path.ToString(), what);

    private static string? GetString(ref Utf8JsonReader reader, FieldPath path, out string? value)
    {
        try
        {
            value = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            // A \uD800-style escape without its other half: not text we can store.
            value = null;
            return $"{path}: contains an unpaired surrogate escape";
        }
    }

    /// <summary>The current string token, quoted; its raw text when it cannot be unescaped.</summary>
    private static string Echo(ref Utf8JsonReader reader)
    {
        try
        {
            return FieldProblems.Quote(reader.GetString() ?? "");
        }
        catch (InvalidOperationException)
        {
            return FieldProblems.Quote(Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    /// <summary>A number as written in the line (ASCII by JSON's grammar), cut short.</summary>
    private static string Raw(ReadOnlySpan<byte> number) =>
        number.Length <= MaxEcho ? Encoding.ASCII.GetString(number) : Encoding.ASCII.GetString(number[..MaxEcho]) + "…";

    private static int IndexOf(ReadOnlySpan<byte> utf8, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (Ascii.Equals(utf8, names[i])) return i;
        }

        return -1;
    }
}

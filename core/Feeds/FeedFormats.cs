using System.Globalization;

namespace Linkage.Feeds;

/// <summary>
/// The formats and bounds of events-v1 field values, the one definition the parser and the importers share. Checked
/// by hand: each is simple enough that a regex would only cost time on every line.
/// </summary>
public static class FeedFormats
{
    /// <summary>The longest <c>source</c>.</summary>
    public const int MaxSourceLength = 64;

    /// <summary>The longest <c>recordId</c>, in characters.</summary>
    public const int MaxRecordIdLength = 128;

    /// <summary>The longest free-text code (procedure, drug, YJ, K-code, vaccine), in characters.</summary>
    public const int MaxCodeLength = 32;

    /// <summary>The earliest plausible year of a birth month.</summary>
    public const int MinBirthYear = 1850;

    /// <summary>The latest plausible year of a birth month.</summary>
    public const int MaxBirthYear = 2100;

    /// <summary>The largest maternal <c>gestWeeks</c>.</summary>
    public const int MaxGestWeeks = 45;

    /// <summary>The smallest maternal <c>birthWeight</c>, in grams.</summary>
    public const int MinBirthWeight = 1;

    /// <summary>The largest maternal <c>birthWeight</c>, in grams.</summary>
    public const int MaxBirthWeight = 10_000;

    /// <summary>The prefix of a 7-digit Japanese receipt disease code (傷病名コード) kept where no ICD-10 code was found.</summary>
    public const string JapaneseDiseasePrefix = "JP:";

    /// <summary>JIS X 0401 prefecture codes, shared so that events do not each hold a copy.</summary>
    private static readonly string[] Prefectures = CreatePrefectures();

    /// <summary><c>[a-z0-9][a-z0-9-]{0,63}</c>.</summary>
    public static bool IsSource(string value)
    {
        if (value.Length is 0 or > MaxSourceLength || value[0] == '-') return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return false;
        }

        return true;
    }

    /// <summary>How far a free-text value (record id, code) is from "1..max printable characters".</summary>
    internal static TextProblem CheckPrintable(string value, int maxLength)
    {
        if (value.Length == 0) return TextProblem.Empty;
        var length = 0;
        foreach (var c in value)
        {
            // C0, DEL and C1 are the Unicode control characters (category Cc).
            if (c < 0x20 || c is >= '\u007f' and <= '\u009f') return TextProblem.Control;

            // Characters, not UTF-16 units: a surrogate pair (a kanji outside the BMP) counts once.
            if (!char.IsLowSurrogate(c)) length++;
        }

        return length > maxLength ? TextProblem.TooLong : TextProblem.None;
    }

    /// <summary>
    /// What an events-v1 ICD-10 field (a diagnosis, a cause of death) takes: an ICD-10 code (<see cref="IsIcd10Code"/>),
    /// or <c>JP:</c> + 7 digits for an unmapped Japanese disease code (<see cref="IsJapaneseDiseaseCode"/>).
    /// </summary>
    public static bool IsIcd10(string value) => IsIcd10Code(value) || IsJapaneseDiseaseCode(value);

    /// <summary><c>JP:</c> + 7 digits: a receipt disease code (傷病名コード) that no ICD-10 code was found for.</summary>
    public static bool IsJapaneseDiseaseCode(string value)
    {
        if (value.Length != JapaneseDiseasePrefix.Length + 7 || !value.StartsWith(JapaneseDiseasePrefix, StringComparison.Ordinal)) return false;
        for (var i = JapaneseDiseasePrefix.Length; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i])) return false;
        }

        return true;
    }

    /// <summary>An ICD-10 code as events-v1 writes it: <c>[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?</c>, e.g. <c>I21</c>, <c>E11.9</c>.</summary>
    public static bool IsIcd10Code(string value)
    {
        if (value.Length is not (3 or (>= 5 and <= 8))) return false;
        if (!char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiDigit(value[1]) || !IsUpperOrDigit(value[2])) return false;
        if (value.Length == 3) return true;
        if (value[3] != '.') return false;
        for (var i = 4; i < value.Length; i++)
        {
            if (!IsUpperOrDigit(value[i])) return false;
        }

        return true;
    }

    /// <summary>A JLAC10 laboratory code: 17 ASCII letters or digits.</summary>
    public static bool IsJlac10(string value)
    {
        if (value.Length != 17) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }

        return true;
    }

    /// <summary>A medical institution code: exactly 10 ASCII digits.</summary>
    public static bool IsFacility(string value)
    {
        if (value.Length != 10) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }

    /// <summary>Parses <c>YYYY-MM-DD</c>; <paramref name="wellFormed"/> tells a wrong shape from an impossible date.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date, out bool wellFormed)
    {
        wellFormed = value.Length == 10 && IsDigits(value[..4]) && value[4] == '-' && IsDigits(value[5..7]) && value[7] == '-'
            && IsDigits(value[8..]);
        date = default;
        if (!wellFormed) return false;

        // Digits checked above; a real date has its month and day in range (DateOnly's parser costs far more).
        var (year, month, day) = (Number(value[..4]), Number(value[5..7]), Number(value[8..]));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits) value = value * 10 + (c - '0');
        return value;
    }

    /// <summary>Checks a birth month, <c>YYYY-MM</c> with a plausible year.</summary>
    internal static BirthProblem CheckBirth(string value)
    {
        var span = value.AsSpan();
        if (span.Length != 7 || !IsDigits(span[..4]) || span[4] != '-' || !IsDigits(span[5..])) return BirthProblem.Shape;
        var month = (span[5] - '0') * 10 + (span[6] - '0');
        if (month is < 1 or > 12) return BirthProblem.Month;
        var year = int.Parse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture);
        return year is < MinBirthYear or > MaxBirthYear ? BirthProblem.Year : BirthProblem.None;
    }

    /// <summary>The shared instance of prefecture code <c>01</c>..<c>47</c>, or null when it is not one.</summary>
    public static string? Prefecture(string value)
    {
        var number = PrefectureNumber(value);
        return number > 0 ? Prefectures[number - 1] : null;
    }

    /// <summary>The number (1..47) of the prefecture code <paramref name="value"/>, or 0 when it is not one.</summary>
    public static int PrefectureNumber(string value)
    {
        if (value.Length != 2 || !char.IsAsciiDigit(value[0]) || !char.IsAsciiDigit(value[1])) return 0;
        var code = (value[0] - '0') * 10 + (value[1] - '0');
        return code is >= 1 and <= 47 ? code : 0;
    }

    /// <summary>
    /// An ISO-8601 date-time with an offset: <c>YYYY-MM-DDThh:mm[:ss[.fraction]](Z|±hh:mm)</c>, a real date and time,
    /// offset at most 14:00 (the widest in use).
    /// </summary>
    public static bool IsDateTimeWithOffset(string value)
    {
        var s = value.AsSpan();
        if (s.Length < 17 || !TryParseDate(s[..10], out _, out _) || s[10] != 'T') return false;
        if (!TryTwoDigits(s, 11, 23, out _) || s[13] != ':' || !TryTwoDigits(s, 14, 59, out _)) return false;
        var i = 16;
        if (s[i] == ':')
        {
            if (!TryTwoDigits(s, i + 1, 59, out _)) return false;
            i += 3;
            if (i < s.Length && s[i] == '.')
            {
                var digits = 0;
                for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++) digits++;
                if (digits is 0 or > 9) return false;
            }
        }

        if (i >= s.Length) return false;
        if (s[i] == 'Z') return i + 1 == s.Length;
        if (s[i] is not ('+' or '-') || s.Length != i + 6) return false;
        return TryTwoDigits(s, i + 1, 14, out var hours) && s[i + 3] == ':' && TryTwoDigits(s, i + 4, 59, out var minutes)
            && hours * 60 + minutes <= 14 * 60;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> s, int at, int max, out int value)
    {
        value = 0;
        if (at + 2 > s.Length || !char.IsAsciiDigit(s[at]) || !char.IsAsciiDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return value <= max;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }

    private static bool IsUpperOrDigit(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static string[] CreatePrefectures()
    {
        var codes = new string[47];
        for (var i = 0; i < codes.Length; i++) codes[i] = (i + 1).ToString("00", CultureInfo.InvariantCulture);
        return codes;
    }
}

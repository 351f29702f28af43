using System.Globalization;

namespace Linkage.Client.Import.Uke;

/// <summary>Dates as UKE files write them: western <c>YYYYMMDD</c>/<c>YYYYMM</c>, or the older era form <c>GYYMMDD</c>/<c>GYYMM</c>.</summary>
/// <remarks>Era codes (元号区分) 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和; files before the 令和 revision used them.</remarks>
internal static class UkeDate
{
    private static readonly int[] EraFirstYear = [0, 1868, 1912, 1926, 1989, 2019];

    /// <summary>A real calendar date from <c>YYYYMMDD</c> or <c>GYYMMDD</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is null || !text.All(char.IsAsciiDigit)) return false;
        int year;
        if (text.Length == 8) year = int.Parse(text[..4], CultureInfo.InvariantCulture);
        else if (text.Length == 7 && TryEraYear(text[..3], out var eraYear)) year = eraYear;
        else return false;
        var month = int.Parse(text[^4..^2], CultureInfo.InvariantCulture);
        var day = int.Parse(text[^2..], CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The first day of a month from <c>YYYYMM</c> or <c>GYYMM</c>.</summary>
    public static bool TryParseMonth(string? text, out DateOnly firstDay)
    {
        firstDay = default;
        if (text is null || !text.All(char.IsAsciiDigit)) return false;
        int year;
        if (text.Length == 6) year = int.Parse(text[..4], CultureInfo.InvariantCulture);
        else if (text.Length == 5 && TryEraYear(text[..3], out var eraYear)) year = eraYear;
        else return false;
        var month = int.Parse(text[^2..], CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12) return false;
        firstDay = new DateOnly(year, month, 1);
        return true;
    }

    /// <summary><c>YYYYMM</c> of a month, the form used in record ids.</summary>
    public static string MonthText(DateOnly month) => month.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static bool TryEraYear(string eraAndYear, out int year)
    {
        year = 0;
        var era = eraAndYear[0] - '0';
        if (era is < 1 or > 5) return false;
        year = EraFirstYear[era] + int.Parse(eraAndYear[1..], CultureInfo.InvariantCulture) - 1;
        return true;
    }
}

namespace Linkage.Cohorts;

/// <summary>cohort-v1's age at entry: whole years from the first day of the birth month.</summary>
public static class EntryAge
{
    /// <summary>
    /// The age on <paramref name="entry"/> of someone born in <paramref name="birth"/> (<c>YYYY-MM</c>, as events-v1
    /// checks it): a birthday falls on the first of the birth month, so born 1950-03 is 69 on 2020-02-29 and 70 on
    /// 2020-03-01. Negative when the entry comes before the birth month.
    /// </summary>
    public static int Years(string birth, DateOnly entry)
    {
        ArgumentNullException.ThrowIfNull(birth);
        if (birth.Length != 7 || birth[4] != '-') throw new ArgumentException($"birth {birth} is not YYYY-MM", nameof(birth));
        var year = Digits(birth, 0, 4);
        var month = Digits(birth, 5, 2);
        return entry.Year - year - (entry.Month < month ? 1 : 0);
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) throw new ArgumentException($"birth {text} is not YYYY-MM", nameof(text));
            value = value * 10 + (text[i] - '0');
        }

        return value;
    }
}

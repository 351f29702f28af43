using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>cohort-v1's age at entry: whole years from the first day of the birth month.</summary>
public static class CohortAge
{
    /// <summary>The birth month <c>YYYY-MM</c> as a month number (year · 12 + month - 1), or null when it is not one.</summary>
    public static int? MonthNumberOf(string birth)
    {
        if (FeedFormats.CheckBirth(birth) != BirthProblem.None) return null;
        var year = int.Parse(birth.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(birth.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        return year * 12 + month - 1;
    }

    /// <summary>
    /// The age on <paramref name="entry"/> of someone born in <paramref name="birth"/> (<c>YYYY-MM</c>, as events-v1
    /// checks it): born 1950-03 is 69 on 2020-02-29 and 70 on 2020-03-01. Negative before the birth month.
    /// </summary>
    public static int Years(string birth, DateOnly entry) =>
        AtEntry(MonthNumberOf(birth) ?? throw new ArgumentException($"birth {birth} is not YYYY-MM", nameof(birth)), entry);

    /// <summary>
    /// The age on <paramref name="entry"/> of someone born in month <paramref name="birthMonthNumber"/>
    /// (see <see cref="MonthNumberOf"/>); negative when the entry is before the birth month.
    /// </summary>
    /// <remarks>Born on the 1st, a person has their birthday in the first day of the month, so only months count.</remarks>
    public static int AtEntry(int birthMonthNumber, DateOnly entry) =>
        (int)Math.Floor((entry.Year * 12 + entry.Month - 1 - birthMonthNumber) / 12.0);
}

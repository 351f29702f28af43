namespace Linkage.Population;

/// <summary>The years the generated feeds cover: every clinical date lies in 2018-01-01..2025-12-31.</summary>
internal static class PopulationWindow
{
    public static readonly DateOnly Start = new(2018, 1, 1);
    public static readonly DateOnly End = new(2025, 12, 31);

    public static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    public static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A uniformly drawn day in [from, to].</summary>
    public static DateOnly DayBetween(Random random, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day)) age--;
        return age;
    }

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}

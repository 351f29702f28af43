namespace Linkage.Population;

/// <summary>
/// Birth dates shaped like Japan's population: living people by birth year (the baby booms of 1947-49 and
/// 1971-74, the dip of 1966, falling births since), fewer births at weekends since planned deliveries (1975 on)
/// and in the New Year holidays. The uneven weights make (name, birth date, sex) collide more than a uniform draw.
/// </summary>
internal static class AgePyramid
{
    public const int FirstYear = 1920;

    /// <summary>Thousands of people born in each year from 1920 (living in the window) or born in it (2018-2025).</summary>
    private static readonly double[] ThousandsByYear =
    [
        40, 60, 90, 130, 180, 250, 330, 420, 520, 640,
        760, 880, 1000, 1120, 1200, 1300, 1380, 1430, 1400, 1450,
        1500, 1550, 1600, 1650, 1600, 1300, 1400, 2000, 2100, 2150,
        1900, 1750, 1700, 1650, 1600, 1650, 1600, 1500, 1550, 1550,
        1550, 1550, 1600, 1650, 1700, 1800, 1300, 1900, 1850, 1850,
        1900, 2000, 2050, 2050, 1950, 1850, 1800, 1700, 1650, 1600,
        1550, 1500, 1500, 1480, 1460, 1400, 1350, 1300, 1280, 1220,
        1200, 1200, 1180, 1160, 1200, 1160, 1180, 1170, 1180, 1150,
        1160, 1150, 1130, 1110, 1100, 1050, 1080, 1080, 1080, 1060,
        1060, 1040, 1030, 1020, 1000, 1000, 970, 940,
        920, 870, 840, 810, 770, 730, 690, 660,
    ];

    private static readonly WeightedTable<int> Years =
        new(ThousandsByYear.Select((weight, i) => (FirstYear + i, weight)));

    public static DateOnly DrawBirthDate(Random random)
    {
        var year = Years.Draw(random);
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        while (true)
        {
            var day = new DateOnly(year, 1, 1).AddDays(random.Next(days));
            var weight = 1.0;
            if (year >= 1975 && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) weight *= 0.75;
            if (day is { Month: 1, Day: <= 3 }) weight *= 0.7;
            if (random.NextDouble() < weight) return day;
        }
    }

    /// <summary>Annual probability of dying at an age (Gompertz, roughly Japan's life table; infants a little higher).</summary>
    public static double AnnualDeathRate(int age) =>
        age == 0 ? 0.002 : Math.Min(0.5, 0.0002 + Math.Exp(-10.6 + 0.094 * age));
}

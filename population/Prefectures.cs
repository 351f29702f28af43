namespace Linkage.Population;

/// <summary>The 47 prefectures (JIS X 0401 codes) weighted by population (2020 census, in ten thousands).</summary>
internal static class Prefectures
{
    private static readonly int[] TenThousands =
    [
        522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 103, 113, 77, 81, 205, 198, 363, 754, 177,
        141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174, 112, 107, 159, 147,
    ];

    public static readonly string[] Codes = [.. Enumerable.Range(1, 47).Select(i => i.ToString("D2"))];

    public static readonly WeightedTable<string> ByPopulation = new(Codes.Select((code, i) => (code, (double)TenThousands[i])));

    /// <summary>The region a prefecture belongs to (0 Hokkaido/Tohoku .. 6 Kyushu/Okinawa), for picking nearby hospitals.</summary>
    public static int RegionOf(string pref) => int.Parse(pref) switch
    {
        <= 7 => 0,
        <= 14 => 1,
        <= 23 => 2,
        <= 30 => 3,
        <= 35 => 4,
        <= 39 => 5,
        _ => 6,
    };
}

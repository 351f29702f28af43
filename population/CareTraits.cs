namespace Linkage.Population;

/// <summary>
/// How a person uses care: their long-term conditions, the clinic, hospital, dentist and pharmacy they go to
/// (10-digit medical institution codes), the hospital laboratory and pharmacy chain that report on them, and the
/// PHR app they record vitals with, if any.
/// </summary>
internal sealed record CareTraits(
    ChronicCondition[] Conditions,
    string Clinic,
    string Hospital,
    string Dentist,
    string Pharmacy,
    string LabSource,
    string PharmacySource,
    string? PhrApp)
{
    private static readonly string[][] LabsByRegion =
    [
        ["sapporo-city-lab", "tohoku-univ-lab"],
        ["tokyo-med-center-lab", "chiba-univ-lab", "saitama-red-cross-lab"],
        ["nagoya-univ-lab", "niigata-central-lab"],
        ["kyoto-univ-lab", "osaka-general-lab"],
        ["hiroshima-univ-lab"],
        ["kagawa-red-cross-lab"],
        ["fukuoka-red-cross-lab", "okinawa-chubu-lab"],
    ];

    private static readonly string[] PharmacyChains = ["pharmacy-aozora", "pharmacy-sakura", "pharmacy-midori", "pharmacy-kusunoki"];

    private static readonly string[] PhrApps = ["phr-karada-note", "phr-aruku-plus"];

    public static CareTraits Draw(SyntheticPerson person, Random random)
    {
        var age = person.AgeOn(new DateOnly(2022, 1, 1));
        var conditions = ChronicCondition.All.Where(c => random.NextDouble() < c.Prevalence(age, person.Sex)).ToArray();
        var labs = LabsByRegion[Prefectures.RegionOf(person.Pref)];
        var phrUser = person.Mid is not null && age is >= 20 and <= 85 && random.NextDouble() < 0.25;
        return new CareTraits(
            conditions,
            Clinic: Facility(random, person.Pref, '1'),
            Hospital: Facility(random, person.Pref, '1'),
            Dentist: Facility(random, person.Pref, '3'),
            Pharmacy: Facility(random, person.Pref, '4'),
            LabSource: labs[random.Next(labs.Length)],
            PharmacySource: PharmacyChains[random.Next(PharmacyChains.Length)],
            PhrApp: phrUser ? PhrApps[random.Next(PhrApps.Length)] : null);
    }

    /// <summary>医療機関コード: prefecture, point table (1 medical, 3 dental, 4 pharmacy) and seven digits.</summary>
    private static string Facility(Random random, string pref, char table) => pref + table + random.Next(0, 10_000_000).ToString("D7");
}

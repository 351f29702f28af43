namespace Linkage.Bench.Sql;

/// <summary>The cohort-v1 definitions the cohort benchmark counts: one per criterion kind, a combined one, a life table.</summary>
public static class BenchmarkCohorts
{
    /// <summary>Each definition's short name and its cohort-v1 JSON, as a research client would send it.</summary>
    public static IReadOnlyList<(string Name, string Json)> All { get; } =
    [
        ("receipt E11, by sex and age10", """{"entry": {"kind": "receipt", "code": "E11"}, "groupBy": ["sex", "age10"]}"""),
        ("lab 3D046 ≥ 6.5, by entryYear", """{"entry": {"kind": "lab", "code": "3D046", "min": 6.5}, "groupBy": ["entryYear"]}"""),
        ("medication 2149, by pref", """{"entry": {"kind": "medication", "code": "2149"}, "groupBy": ["pref"]}"""),
        ("surgery K, by sex", """{"entry": {"kind": "surgery", "code": "K"}, "groupBy": ["sex"]}"""),
        ("vital sbp ≥ 140, by sex", """{"entry": {"kind": "vital", "type": "sbp", "min": 140}, "groupBy": ["sex"]}"""),
        ("maternal delivery", """{"entry": {"kind": "maternal", "entry": "delivery"}}"""),
        ("death C, by age10", """{"entry": {"kind": "death", "code": "C"}, "groupBy": ["age10"]}"""),
        ("E11 in 2019-2024; require lab ≥ 6.5 in 0..365 and drug 3969 in -30..180; exclude E10 in -365..-1; age 40-74; death in 0..730; 5 keys", """
            {"entry": {"kind": "receipt", "code": "E11"},
             "period": {"from": "2019-01-01", "to": "2024-12-31"},
             "require": [{"kind": "lab", "code": "3D046", "min": 6.5, "from": 0, "to": 365},
                         {"kind": "receipt", "drug": "3969", "from": -30, "to": 180}],
             "exclude": [{"kind": "receipt", "code": "E10", "from": -365, "to": -1}],
             "age": {"min": 40, "max": 74},
             "outcome": {"kind": "death", "from": 0, "to": 730},
             "groupBy": ["sex", "age10", "pref", "entryYear", "outcome"]}
            """),
        ("I10, survival to death (step 30, to 1825), by sex and outcome", """
            {"entry": {"kind": "receipt", "code": "I10"},
             "outcome": {"kind": "death", "to": 1825},
             "survival": {"step": 30},
             "groupBy": ["sex", "outcome"]}
            """),
    ];
}

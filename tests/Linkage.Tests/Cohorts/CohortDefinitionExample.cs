using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>The example definition of cohort-v1.md, copied here word for word, and what it says.</summary>
internal static class CohortDefinitionExample
{
    public const string Json = """
        {
          "entry":   {"kind": "receipt", "code": "E11"},
          "period":  {"from": "2020-01-01", "to": "2024-12-31"},
          "require": [{"kind": "lab", "code": "3D046", "min": 8.0, "from": 0, "to": 180}],
          "exclude": [{"kind": "receipt", "code": "E10", "from": -365, "to": -1}],
          "age":     {"min": 40, "max": 74},
          "sex":     "F",
          "pref":    ["13", "14"],
          "outcome": {"kind": "death", "from": 0, "to": 365},
          "groupBy": ["sex", "age10", "pref", "entryYear", "outcome"],
          "minCell": 10
        }
        """;

    public static CohortDefinition Expected { get; } = new()
    {
        Entry = new CohortCriterion { Kind = EventKind.Receipt, Code = "E11" },
        Period = new DatePeriod { From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) },
        Require = [new CohortCriterion { Kind = EventKind.Lab, Code = "3D046", Min = 8.0, From = 0, To = 180 }],
        Exclude = [new CohortCriterion { Kind = EventKind.Receipt, Code = "E10", From = -365, To = -1 }],
        Age = new AgeRange { Min = 40, Max = 74 },
        Sex = Sex.F,
        Pref = ["13", "14"],
        Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = 365 },
        GroupBy = [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref, GroupKey.EntryYear, GroupKey.Outcome],
        MinCell = 10,
    };
}

using System.Globalization;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Random person summaries over small code pools, so that prefixes, bounds and windows often meet.</summary>
internal static class RandomPeople
{
    public static readonly string[] Diagnoses = ["E11", "E11.9", "E10", "E1", "I10", "I21.0", "C34.9"];
    public static readonly string[] Procedures = ["K67", "K6722", "B001"];
    public static readonly string[] Drugs = ["D1", "D12", "D2"];
    public static readonly string[] Labs = ["3D046A", "3D046B", "3F077"];
    public static readonly string[] Medications = ["3969007", "3969", "2149"];
    public static readonly string[] Surgeries = ["K6722", "K0461", "K67"];
    public static readonly string[] VitalTypes = ["sbp", "dbp", "sb"];
    public static readonly string[] MaternalEntries = ["checkup", "delivery", "infant"];
    public static readonly string?[] DeathCauses = ["C34.9", "I21", null];
    public static readonly string[] Prefs = ["01", "02", "03"];
    public static readonly string?[] Facilities = ["1310000001", "1310000002", "2710000003", null];
    public static readonly DateOnly First = new(2019, 1, 1);

    public static PersonSummary[] Make(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => Person(random))];

    public static PersonSummary Person(Random random)
    {
        var events = Enumerable.Range(0, random.Next(13)).Select(_ => Event(random, First.AddDays(random.Next(1500)))).OrderBy(e => e.Date).ToArray();
        var last = (events.Length == 0 ? First : events[^1].Date).AddDays(random.Next(3) == 0 ? random.Next(400) : 0);
        return new PersonSummary
        {
            Person = "p.random",
            Sex = (Sex)random.Next(3),
            Birth = $"{1920 + random.Next(103)}-{1 + random.Next(12):00}",
            Pref = random.Next(5) == 0 ? null : Pick(random, Prefs),
            LastDate = last,
            Events = [.. events],
        };
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static SummaryEvent Event(Random random, DateOnly date)
    {
        var kind = (EventKind)random.Next(7);
        return kind switch
        {
            EventKind.Receipt => new SummaryEvent
            {
                Kind = kind,
                Date = date,
                Diagnoses = [.. Some(random, Diagnoses, 3)],
                Procedures = [.. Some(random, Procedures, 2)],
                Drugs = [.. Some(random, Drugs, 2)],
                // From the day, not a draw: the random stream stays that of the people in the format 1 test files.
                Facility = Facilities[date.DayNumber % Facilities.Length],
            },
            EventKind.Lab => new SummaryEvent { Kind = kind, Date = date, Code = Pick(random, Labs), Value = random.Next(7) == 0 ? null : 4 + random.Next(17) * 0.5 },
            EventKind.Medication => new SummaryEvent { Kind = kind, Date = date, Code = Pick(random, Medications) },
            EventKind.Surgery => new SummaryEvent { Kind = kind, Date = date, Code = Pick(random, Surgeries), Flag = Pick(random, new bool?[] { null, true, false }) },
            EventKind.Vital => new SummaryEvent { Kind = kind, Date = date, Code = Pick(random, VitalTypes), Value = 80 + random.Next(11) * 10 },
            EventKind.Maternal => new SummaryEvent
            {
                Kind = kind, Date = date, Code = Pick(random, MaternalEntries), Value = random.Next(3) == 0 ? 2000 + random.Next(9) * 250 : null,
            },
            _ => new SummaryEvent { Kind = kind, Date = date, Code = Pick(random, DeathCauses) },
        };
    }

    private static IEnumerable<string> Some(Random random, string[] pool, int most) =>
        Enumerable.Range(0, random.Next(most + 1)).Select(_ => Pick(random, pool));

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>Hand-built current records of people, definitions read from JSON, and the evaluator's view of them.</summary>
internal static class CohortRecords
{
    /// <summary>The small-cell floor these tests run the parser with, the contract's default.</summary>
    public const int Floor = 10;

    public const string Birth = "1950-03";

    private static int _nextRecord;

    public static Subject Subject(string birth = Birth, Sex sex = Sex.F, string? pref = "13") =>
        new() { Mid = "mid.MZRYFSAvtkSoMYHjMvb1IQ", Birth = birth, Sex = sex, Pref = pref };

    /// <summary>A current record of <paramref name="data"/>'s kind; a fresh record id unless one is given.</summary>
    public static FeedEvent Record(string date, EventData data, Subject? subject = null, string? recordId = null, string source = "test-feed") => new()
    {
        Source = source,
        RecordId = recordId ?? "R-" + Interlocked.Increment(ref _nextRecord),
        Version = 1,
        Kind = data.Kind,
        Date = Day(date),
        Subject = subject ?? Subject(),
        Data = data,
    };

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd");

    public static Diagnosis Dx(string code, bool suspected = false) => new() { Code = code, Suspected = suspected };

    public static FeedEvent Receipt(
        string date, Diagnosis[]? diagnoses = null, string[]? procedures = null, string[]? drugs = null, Subject? subject = null,
        string? recordId = null, string source = "test-feed") =>
        Record(date, new ReceiptData
        {
            Setting = "outpatient",
            Diagnoses = [.. diagnoses ?? []],
            Procedures = [.. procedures ?? []],
            Drugs = [.. (drugs ?? []).Select(d => new DrugUse { Code = d, Days = 14 })],
        }, subject, recordId, source);

    /// <summary>A receipt with the non-suspected diagnoses <paramref name="codes"/>.</summary>
    public static FeedEvent Diagnosed(string date, params string[] codes) => Receipt(date, [.. codes.Select(c => Dx(c))]);

    public static FeedEvent Lab(string date, string code = "3D046000001920402", double value = 8.1, Subject? subject = null) =>
        Record(date, new LabData { Code = code, Value = value, Unit = "%" }, subject);

    public static FeedEvent Medication(string date, string code) => Record(date, new MedicationData { Code = code, Days = 28 });

    public static FeedEvent Surgery(string date, string code, bool? complication) =>
        Record(date, new SurgeryData { Code = code, Complication = complication, Los = 5 });

    public static FeedEvent Vital(string date, string type, double value) =>
        Record(date, new VitalData { Type = type, Value = value, At = date + "T08:00:00+09:00" });

    public static FeedEvent Maternal(string date, string entry, int? birthWeight = null) =>
        Record(date, new MaternalData { Entry = entry, BirthWeight = birthWeight });

    public static FeedEvent Death(string date, string underlying, params string[] causes) =>
        Record(date, new DeathData { Underlying = underlying, Causes = [.. causes], Place = "hospital" });

    /// <summary>A definition read from cohort-v1 JSON (with the contract's floor); the test fails if the parser refuses it.</summary>
    public static CohortDefinition Definition(string json)
    {
        var result = CohortDefinitionParser.Parse(json, Floor);
        Assert.True(result.IsValid, "expected a valid definition, saw: " + string.Join("; ", result.Problems));
        return result.Definition;
    }

    /// <summary>People p1, p2, ... with the given current records.</summary>
    public static IEnumerable<(string Person, IReadOnlyCollection<FeedEvent> Records)> People(params FeedEvent[][] people) =>
        people.Select((records, i) => ("p" + (i + 1), (IReadOnlyCollection<FeedEvent>)records));

    /// <summary>The exact tally of <paramref name="json"/> over <paramref name="people"/>.</summary>
    public static CohortTally Count(string json, params FeedEvent[][] people) => CohortEvaluator.Count(Definition(json), People(people));

    /// <summary>How many of <paramref name="people"/> are in the cohort of <paramref name="json"/>.</summary>
    public static long Total(string json, params FeedEvent[][] people) => Count(json, people).Total;

    /// <summary>Whether the one person with <paramref name="records"/> is in the cohort of <paramref name="json"/>.</summary>
    public static bool IsIn(string json, params FeedEvent[] records) => Total(json, records) == 1;

    public static CohortMember? Member(string json, params FeedEvent[] records) => CohortEvaluator.Evaluate(Definition(json), records);

    /// <summary>The tally's groups as "value,value=count", in the tally's order.</summary>
    public static string[] Groups(CohortTally tally) => [.. tally.Groups.Select(g => string.Join(",", g.Key) + "=" + g.Count)];

    public static ImmutableArray<string> Key(params string[] values) => [.. values];
}

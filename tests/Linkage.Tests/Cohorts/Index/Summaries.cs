using Linkage.Linking;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Hand-built person summaries, criteria and definitions for the cohort index tests.</summary>
internal static class Summaries
{
    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd");

    /// <summary>A person whose latest record is their latest event (or <paramref name="lastDate"/> when later).</summary>
    public static PersonSummary Person(
        SummaryEvent[] events, string birth = "1970-01", Sex sex = Sex.F, string? pref = "13", string? lastDate = null, string id = "p.test")
    {
        var last = events.Length == 0 ? Day(lastDate ?? "2020-01-01") : events.Max(e => e.Date);
        if (lastDate is not null && Day(lastDate) > last) last = Day(lastDate);
        return new PersonSummary
        {
            Person = id, Sex = sex, Birth = birth, Pref = pref, LastDate = last, Events = [.. events.OrderBy(e => e.Date)],
        };
    }

    public static PersonSummary Person(params SummaryEvent[] events) => Person(events, birth: "1970-01");

    public static SummaryEvent Receipt(string date, string[]? diagnoses = null, string[]? procedures = null, string[]? drugs = null) => new()
    {
        Kind = EventKind.Receipt,
        Date = Day(date),
        Diagnoses = [.. diagnoses ?? []],
        Procedures = [.. procedures ?? []],
        Drugs = [.. drugs ?? []],
    };

    public static SummaryEvent Diagnosis(string date, string code) => Receipt(date, diagnoses: [code]);

    public static SummaryEvent Lab(string date, string code, double? value) => new() { Kind = EventKind.Lab, Date = Day(date), Code = code, Value = value };

    public static SummaryEvent Medication(string date, string code) => new() { Kind = EventKind.Medication, Date = Day(date), Code = code };

    public static SummaryEvent Surgery(string date, string code, bool? complication) =>
        new() { Kind = EventKind.Surgery, Date = Day(date), Code = code, Flag = complication };

    public static SummaryEvent Vital(string date, string type, double value) => new() { Kind = EventKind.Vital, Date = Day(date), Code = type, Value = value };

    public static SummaryEvent Maternal(string date, string entry, double? birthWeight = null) =>
        new() { Kind = EventKind.Maternal, Date = Day(date), Code = entry, Value = birthWeight };

    public static SummaryEvent Death(string date, string? underlying) => new() { Kind = EventKind.Death, Date = Day(date), Code = underlying };

    public static IndexUpdate Component(long component, params PersonSummary[] people) => new() { Component = new(component), People = [.. people] };

    /// <summary>An index holding each person in a component of their own, numbered from 1.</summary>
    public static CohortIndex IndexOf(params PersonSummary[] people)
    {
        var index = new CohortIndex();
        index.Apply(people.Select((p, i) => Component(i + 1, p)));
        return index;
    }

    public static CohortCriterion Criterion(EventKind kind, string? code = null, int? from = null, int? to = null) =>
        new() { Kind = kind, Code = code, From = from, To = to };

    public static CohortDefinition Entering(CohortCriterion entry, params GroupKey[] groupBy) => new() { Entry = entry, GroupBy = [.. groupBy] };

    /// <summary>People with an E11 diagnosis, by sex: what the update tests count.</summary>
    public static readonly CohortDefinition DiabeticsBySex = Entering(new() { Kind = EventKind.Receipt, Code = "E11" }, GroupKey.Sex);

    /// <summary>The people a definition counts.</summary>
    public static long Total(this CohortIndex index, CohortDefinition definition) => index.Count(definition).Total;

    /// <summary>The groups of a tally as "key=count" lines, e.g. <c>F|60-69=2</c>.</summary>
    public static string[] Cells(this CohortTally tally) =>
        [.. tally.Groups.Select(g => string.Join("|", g.Key) + "=" + g.Count)];

    public static long[] Longs(params long[] values) => values;
}

using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>
/// A deliberately plain count of a cohort over person summaries, one person and one event at a time, written from
/// the contract and sharing no code with the index: the oracle of the randomized comparisons.
/// </summary>
internal static class NaiveCohortCount
{
    public static CohortTally Count(CohortDefinition definition, IEnumerable<PersonSummary> people)
    {
        var groups = new Dictionary<string, (string[] Key, long Count)>();
        var times = new Dictionary<string, (string[] Key, List<long> Events, List<long> Censored)>();
        long total = 0;
        foreach (var person in people)
        {
            var entries = person.Events.Where(e => Matches(definition.Entry, e) && InPeriod(definition.Period, e.Date)).ToList();
            if (entries.Count == 0) continue;
            var entry = entries.Min(e => e.Date);

            // The entry receipt: the first of the entry day in the summary's order (source, then recordId).
            var entryEvent = entries.First(e => e.Date == entry);
            var birthYear = int.Parse(person.Birth[..4]);
            var birthMonth = int.Parse(person.Birth[5..]);
            var age = entry.Year - birthYear - (entry.Month < birthMonth ? 1 : 0);
            if (definition.Age?.Min is { } min && age < min) continue;
            if (definition.Age?.Max is { } max && age > max) continue;
            if (definition.Sex is { } sex && person.Sex != sex) continue;
            if (definition.Pref.Length > 0 && (person.Pref is null || !definition.Pref.Contains(person.Pref))) continue;
            if (!definition.Require.All(r => HasInWindow(person, r, entry, r.From, r.To))) continue;
            if (definition.Exclude.Any(x => HasInWindow(person, x, entry, x.From, x.To))) continue;

            var outcome = definition.Outcome;
            var outcomeFrom = definition.Survival is null ? outcome?.From : 0;
            var yes = outcome is not null && HasInWindow(person, outcome, entry, outcomeFrom, outcome.To);
            var values = definition.GroupBy.Select(k => k switch
            {
                GroupKey.Sex => person.Sex.ToString(),
                GroupKey.Age10 => age < 10 ? "0-9" : age >= 90 ? "90+" : $"{age / 10 * 10}-{age / 10 * 10 + 9}",
                GroupKey.Pref => person.Pref ?? "unknown",
                GroupKey.EntryYear => entry.Year.ToString(),
                GroupKey.Outcome => yes ? "yes" : "no",
                GroupKey.Facility => entryEvent.Kind == EventKind.Receipt ? entryEvent.Facility ?? "unknown" : "unknown",
                _ => throw new ArgumentOutOfRangeException(nameof(definition)),
            }).ToArray();

            total++;
            var name = string.Join("\u0001", values);
            groups[name] = (values, groups.GetValueOrDefault(name).Count + 1);
            if (definition.Survival is not { } survival) continue;

            var survivalKey = values.Where((_, i) => definition.GroupBy[i] != GroupKey.Outcome).ToArray();
            var survivalName = string.Join("\u0001", survivalKey);
            if (!times.TryGetValue(survivalName, out var table)) times[survivalName] = table = (survivalKey, [], []);
            var to = outcome!.To ?? int.MaxValue;
            var eventOffsets = person.Events.Where(e => Matches(outcome, e)).Select(e => e.Date.DayNumber - entry.DayNumber)
                .Where(o => o >= 0 && o <= to).ToList();
            var isEvent = eventOffsets.Count > 0;
            var time = isEvent ? eventOffsets.Min() : Math.Min(person.LastDate.DayNumber - entry.DayNumber, to);
            var interval = time / survival.Step;
            while (table.Events.Count <= interval)
            {
                table.Events.Add(0);
                table.Censored.Add(0);
            }

            if (isEvent) table.Events[interval]++;
            else table.Censored[interval]++;
        }

        return new CohortTally
        {
            Total = total,
            Groups = [.. groups.Values.OrderBy(g => g.Key, Ordinal.Instance).Select(g => new GroupCount { Key = [.. g.Key], Count = g.Count })],
            Survival = [.. times.Values.OrderBy(t => t.Key, Ordinal.Instance)
                .Select(t => new SurvivalCounts { Key = [.. t.Key], Events = [.. t.Events], Censored = [.. t.Censored] })],
        };
    }

    private static bool InPeriod(DatePeriod? period, DateOnly date) =>
        (period?.From is not { } from || date >= from) && (period?.To is not { } to || date <= to);

    private static bool HasInWindow(PersonSummary person, CohortCriterion criterion, DateOnly entry, int? from, int? to) =>
        person.Events.Any(e =>
        {
            if (!Matches(criterion, e)) return false;
            var offset = e.Date.DayNumber - entry.DayNumber;
            return (from is null || offset >= from) && (to is null || offset <= to);
        });

    /// <summary>The contract's table, one kind at a time: every field given must hold on this event.</summary>
    internal static bool Matches(CohortCriterion c, SummaryEvent e)
    {
        if (c.Kind != e.Kind) return false;
        static bool Prefix(string? prefix, string? code) => prefix is null || (code is not null && code.StartsWith(prefix, StringComparison.Ordinal));
        static bool AnyPrefix(string? prefix, ImmutableArray<string> codes) => prefix is null || codes.Any(code => code.StartsWith(prefix, StringComparison.Ordinal));
        static bool Exact(string? wanted, string? code) => wanted is null || wanted == code;
        bool Bounds() => (c.Min is null || (e.Value is { } v1 && v1 >= c.Min)) && (c.Max is null || (e.Value is { } v2 && v2 <= c.Max));
        bool None(params object?[] fields) => fields.All(f => f is null);

        return e.Kind switch
        {
            EventKind.Receipt => AnyPrefix(c.Code, e.Diagnoses) && AnyPrefix(c.Procedure, e.Procedures) && AnyPrefix(c.Drug, e.Drugs)
                && None(c.Min, c.Max, c.Complication, c.Type, c.MaternalEntry),
            EventKind.Lab => Prefix(c.Code, e.Code) && Bounds() && None(c.Procedure, c.Drug, c.Complication, c.Type, c.MaternalEntry),
            EventKind.Medication => Prefix(c.Code, e.Code) && None(c.Procedure, c.Drug, c.Min, c.Max, c.Complication, c.Type, c.MaternalEntry),
            EventKind.Surgery => Prefix(c.Code, e.Code) && (c.Complication is null || e.Flag == c.Complication)
                && None(c.Procedure, c.Drug, c.Min, c.Max, c.Type, c.MaternalEntry),
            EventKind.Vital => Exact(c.Type, e.Code) && Bounds() && None(c.Code, c.Procedure, c.Drug, c.Complication, c.MaternalEntry),
            EventKind.Maternal => Exact(c.MaternalEntry, e.Code) && Bounds() && None(c.Code, c.Procedure, c.Drug, c.Complication, c.Type),
            EventKind.Death => Prefix(c.Code, e.Code) && None(c.Procedure, c.Drug, c.Min, c.Max, c.Complication, c.Type, c.MaternalEntry),
            _ => false,
        };
    }

    private sealed class Ordinal : IComparer<string[]>
    {
        public static Ordinal Instance { get; } = new();

        public int Compare(string[]? x, string[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0) return c;
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}

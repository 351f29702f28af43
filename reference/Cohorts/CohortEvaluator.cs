using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Cohorts;

/// <summary>
/// The reference evaluator of cohort-v1: the contract read literally, person by person, over their current records.
/// </summary>
/// <remarks>
/// It is the oracle the cohort index is tested against, so it reads <see cref="FeedEvent"/>s directly and shares
/// nothing with the index but the contract's named rules (latest record, age at entry, group values). It favours
/// being obviously right over being fast.
/// </remarks>
public static class CohortEvaluator
{
    /// <summary>Counts the cohort over the people that the linkage rules make of <paramref name="currentRecords"/>.</summary>
    public static CohortTally Count(CohortDefinition definition, IReadOnlyCollection<FeedEvent> currentRecords)
    {
        ArgumentNullException.ThrowIfNull(currentRecords);
        var partition = LinkageRules.Partition(currentRecords);
        var recordOfKey = currentRecords.ToDictionary(r => r.Key);
        return Count(
            definition,
            partition.People.Select(p => (p.Id, (IReadOnlyCollection<FeedEvent>)[.. p.Records.Select(k => recordOfKey[k])])));
    }

    /// <summary>Counts the cohort over <paramref name="people"/>: each a person id and their current records (at least one).</summary>
    public static CohortTally Count(CohortDefinition definition, IEnumerable<(string Person, IReadOnlyCollection<FeedEvent> Records)> people)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(people);
        var withoutOutcome = definition.GroupBy.IndexOf(GroupKey.Outcome);
        long total = 0;
        var groups = new Dictionary<ImmutableArray<string>, long>(GroupKeyOrder.Instance);
        var times = new Dictionary<ImmutableArray<string>, (List<long> Events, List<long> Censored)>(GroupKeyOrder.Instance);
        foreach (var (_, records) in people)
        {
            if (Evaluate(definition, records) is not { } member) continue;
            total++;
            groups[member.Key] = groups.GetValueOrDefault(member.Key) + 1;
            if (member.Time is not { } time) continue;

            var key = withoutOutcome < 0 ? member.Key : member.Key.RemoveAt(withoutOutcome);
            if (!times.TryGetValue(key, out var counts)) times[key] = counts = ([], []);
            var interval = time / definition.Survival!.Step;
            while (counts.Events.Count <= interval)
            {
                counts.Events.Add(0);
                counts.Censored.Add(0);
            }

            if (member.IsEvent) counts.Events[interval]++;
            else counts.Censored[interval]++;
        }

        var tally = new CohortTally
        {
            Total = total,
            Groups = [.. groups.Select(g => new GroupCount { Key = g.Key, Count = g.Value })],
            Survival = [.. times.Select(t => new SurvivalCounts { Key = t.Key, Events = [.. t.Value.Events], Censored = [.. t.Value.Censored] })],
        };
        return CohortTallies.Sum([tally]);
    }

    /// <summary>Whether the person with <paramref name="records"/> (their current records) is in the cohort, and how.</summary>
    /// <exception cref="ArgumentException">The definition groups by or times an outcome it does not give.</exception>
    public static CohortMember? Evaluate(CohortDefinition definition, IReadOnlyCollection<FeedEvent> records)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(records);
        if (definition.Outcome is null && (definition.Survival is not null || definition.GroupBy.Contains(GroupKey.Outcome)))
        {
            throw new ArgumentException("survival and grouping by outcome need an outcome", nameof(definition));
        }

        // 1. The entry date: the earliest matching entry event inside the period; the entry record is the first of
        //    that day by source, then recordId (its facility is the facility key).
        FeedEvent? entryRecord = null;
        foreach (var record in records)
        {
            if (!Matches(definition.Entry, record)) continue;
            if (definition.Period is { } period && !period.Contains(record.Date)) continue;
            if (entryRecord is null || PersonSummaries.CompareRecords(record, entryRecord) < 0) entryRecord = record;
        }

        if (entryRecord is null) return null;
        var entry = entryRecord.Date;

        // 2. Age, sex and prefecture: the latest record's subject.
        FeedEvent? latest = null;
        foreach (var record in records)
        {
            if (latest is null || PersonSummaries.IsLater(record, latest)) latest = record;
        }

        var subject = latest!.Subject;
        var age = CohortAge.Years(subject.Birth, entry);
        if (definition.Age is { } ages && !ages.Contains(age)) return null;
        if (definition.Sex is { } sex && subject.Sex != sex) return null;
        if (!definition.Pref.IsDefaultOrEmpty && (subject.Pref is null || !definition.Pref.Contains(subject.Pref))) return null;

        // 3. Every require needs a matching event in its window; any exclude match in its window drops the person.
        foreach (var required in definition.Require)
        {
            if (!records.Any(r => MatchesInWindow(required, r, entry))) return null;
        }

        foreach (var excluded in definition.Exclude)
        {
            if (records.Any(r => MatchesInWindow(excluded, r, entry))) return null;
        }

        // 4. The outcome, and with survival the time to it (from day 0) or to where the person is censored.
        bool? outcome = null;
        int? time = null;
        var isEvent = false;
        if (definition.Outcome is { } criterion)
        {
            outcome = records.Any(r => MatchesInWindow(criterion, r, entry));
            if (definition.Survival is not null)
            {
                var eventTimes = records.Where(r => MatchesInWindow(criterion, r, entry)).Select(r => Offset(r, entry)).Where(t => t >= 0).ToList();
                isEvent = eventTimes.Count > 0;
                time = isEvent ? eventTimes.Min() : Math.Min(Offset(latest, entry), criterion.To ?? int.MaxValue);
            }
        }

        return new CohortMember
        {
            EntryDate = entry,
            Age = age,
            Key = [.. definition.GroupBy.Select(key => key switch
            {
                GroupKey.Sex => GroupValues.Sex(subject.Sex),
                GroupKey.Age10 => GroupValues.Age10(age),
                GroupKey.Pref => GroupValues.Pref(subject.Pref),
                GroupKey.EntryYear => GroupValues.EntryYear(entry),
                GroupKey.Facility => GroupValues.Facility((entryRecord.Data as ReceiptData)?.Facility),
                _ => GroupValues.Outcome(outcome!.Value),
            })],
            Outcome = outcome,
            Time = time,
            IsEvent = isEvent,
        };
    }

    /// <summary>
    /// Whether <paramref name="record"/> is of the criterion's kind and every field the criterion gives holds on it:
    /// codes by ordinal prefix (a receipt's code on a diagnosis that is not suspected), <c>type</c> and <c>entry</c>
    /// exactly, <c>min</c> and <c>max</c> inclusive. A field the record lacks does not hold.
    /// </summary>
    public static bool Matches(CohortCriterion criterion, FeedEvent record)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Kind != criterion.Kind || record.Data is not { } data) return false;
        return (criterion.Code is not { } code || CodeHolds(data, code))
            && (criterion.Procedure is not { } procedure || data is ReceiptData r1 && r1.Procedures.Any(p => HasPrefix(p, procedure)))
            && (criterion.Drug is not { } drug || data is ReceiptData r2 && r2.Drugs.Any(d => HasPrefix(d.Code, drug)))
            && (criterion.Min is not { } min || ValueOf(data) is { } low && low >= min)
            && (criterion.Max is not { } max || ValueOf(data) is { } high && high <= max)
            && (criterion.Complication is not { } flag || data is SurgeryData { Complication: { } complication } && complication == flag)
            && (criterion.Type is not { } type || data is VitalData vital && vital.Type == type)
            && (criterion.MaternalEntry is not { } entry || data is MaternalData maternal && maternal.Entry == entry);
    }

    private static bool MatchesInWindow(CohortCriterion criterion, FeedEvent record, DateOnly entry) =>
        Matches(criterion, record) && criterion.WindowContains(Offset(record, entry));

    /// <summary>Days from the entry date to the record's date.</summary>
    private static int Offset(FeedEvent record, DateOnly entry) => record.Date.DayNumber - entry.DayNumber;

    private static bool CodeHolds(EventData data, string code) => data switch
    {
        ReceiptData receipt => receipt.Diagnoses.Any(d => !d.Suspected && HasPrefix(d.Code, code)),
        LabData lab => HasPrefix(lab.Code, code),
        MedicationData medication => HasPrefix(medication.Code, code),
        SurgeryData surgery => HasPrefix(surgery.Code, code),
        DeathData death => HasPrefix(death.Underlying, code),
        _ => false,
    };

    /// <summary>What <c>min</c> and <c>max</c> bound: lab and vital <c>value</c>, maternal <c>birthWeight</c>.</summary>
    private static double? ValueOf(EventData data) => data switch
    {
        LabData lab => lab.Value,
        VitalData vital => vital.Value,
        MaternalData maternal => maternal.BirthWeight,
        _ => null,
    };

    private static bool HasPrefix(string value, string prefix) => value.StartsWith(prefix, StringComparison.Ordinal);
}

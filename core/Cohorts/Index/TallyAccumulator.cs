using System.Collections.Immutable;
using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// Counts the people of a cohort by group, as packed group values, over the segments of an index; then spells the
/// groups out in <c>groupBy</c> order and sorts them, so that equal cohorts give equal tallies.
/// </summary>
internal sealed class TallyAccumulator(CohortPlan plan)
{
    private const int SexShift = 0, AgeShift = 2, PrefShift = 6, YearShift = 12, OutcomeShift = 28, FacilityShift = 29;
    private const long OutcomeBit = 1L << OutcomeShift;

    /// <summary>Facilities as numbers in a key (0 for <c>unknown</c>), and back.</summary>
    private readonly Dictionary<string, long> _facilityNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _facilities = [GroupValues.UnknownFacility];

    private readonly Dictionary<long, (long Count, ulong Keys)> _groups = [];
    private readonly Dictionary<long, Times> _times = [];
    private long _total;

    /// <summary>The packed values of a person's group; only the keys the definition groups by are set.</summary>
    /// <param name="facility">The entry receipt's facility (only read when grouping by facility), or null.</param>
    public long KeyOf(byte sex, int age, byte pref, int year, bool outcome, string? facility = null)
    {
        long key = 0;
        foreach (var groupKey in plan.GroupBy)
        {
            key |= groupKey switch
            {
                GroupKey.Sex => (long)sex << SexShift,
                GroupKey.Age10 => (long)GroupValues.AgeBand(age) << AgeShift,
                GroupKey.Pref => (long)pref << PrefShift,
                GroupKey.EntryYear => (long)year << YearShift,
                GroupKey.Outcome => outcome ? OutcomeBit : 0,
                GroupKey.Facility => FacilityNumber(facility) << FacilityShift,
                _ => throw new ArgumentOutOfRangeException(nameof(plan), groupKey, "not a groupBy key"),
            };
        }

        return key;
    }

    private long FacilityNumber(string? facility)
    {
        if (facility is null) return 0;
        if (_facilityNumbers.TryGetValue(facility, out var number)) return number;
        _facilities.Add(facility);
        return _facilityNumbers[facility] = _facilities.Count - 1;
    }

    /// <param name="personKey">The person's perturbation key, or 0 when the query is not perturbed.</param>
    public void Add(long key, ulong personKey)
    {
        _total++;
        var group = _groups.GetValueOrDefault(key);
        _groups[key] = (group.Count + 1, unchecked(group.Keys + personKey));
    }

    /// <summary>A survival time in days from entry: the outcome (an event) or censored.</summary>
    public void AddTime(long key, int time, bool isEvent, ulong personKey)
    {
        key &= ~OutcomeBit;
        if (!_times.TryGetValue(key, out var counts)) _times[key] = counts = new Times();
        var interval = time / plan.SurvivalStep;
        while (counts.Events.Count <= interval)
        {
            counts.Events.Add(0);
            counts.Censored.Add(0);
            counts.EventKeys.Add(0);
            counts.CensoredKeys.Add(0);
        }

        if (isEvent)
        {
            counts.Events[interval]++;
            counts.EventKeys[interval] = unchecked(counts.EventKeys[interval] + personKey);
        }
        else
        {
            counts.Censored[interval]++;
            counts.CensoredKeys[interval] = unchecked(counts.CensoredKeys[interval] + personKey);
        }
    }

    public CohortTally ToTally()
    {
        var keyed = plan.Perturbation is not null;
        var groups = _groups.Select(g => new GroupCount { Key = Spell(g.Key, plan.GroupBy), Count = g.Value.Count, KeySum = g.Value.Keys })
            .OrderBy(g => g.Key, GroupKeyOrder.Instance);
        var withoutOutcome = plan.GroupBy.Remove(GroupKey.Outcome);
        var survival = _times.Select(t => new SurvivalCounts
            {
                Key = Spell(t.Key, withoutOutcome), Events = [.. t.Value.Events], Censored = [.. t.Value.Censored],
                EventKeys = keyed ? [.. t.Value.EventKeys] : [], CensoredKeys = keyed ? [.. t.Value.CensoredKeys] : [],
            })
            .OrderBy(s => s.Key, GroupKeyOrder.Instance);
        return new CohortTally { Total = _total, Groups = [.. groups], Survival = [.. survival] };
    }

    private ImmutableArray<string> Spell(long key, ImmutableArray<GroupKey> keys) =>
        [.. keys.Select(k => k switch
        {
            GroupKey.Sex => GroupValues.Sex((Sex)((key >> SexShift) & 3)),
            GroupKey.Age10 => GroupValues.Age10OfBand((int)((key >> AgeShift) & 15)),
            GroupKey.Pref => ((key >> PrefShift) & 63) is var pref and not IndexSegment.NoPref
                ? pref.ToString("00", CultureInfo.InvariantCulture)
                : GroupValues.Pref(null),
            GroupKey.EntryYear => GroupValues.EntryYear((int)((key >> YearShift) & 0xffff)),
            GroupKey.Outcome => GroupValues.Outcome((key & OutcomeBit) != 0),
            GroupKey.Facility => _facilities[(int)(key >> FacilityShift)],
            _ => throw new ArgumentOutOfRangeException(nameof(keys), k, "not a groupBy key"),
        })];

    private sealed class Times
    {
        public List<long> Events { get; } = [];

        public List<long> Censored { get; } = [];

        public List<ulong> EventKeys { get; } = [];

        public List<ulong> CensoredKeys { get; } = [];
    }
}

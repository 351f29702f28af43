using System.Collections.Immutable;
using Linkage.Feeds;

using Linkage.Disclosure;

namespace Linkage.Cohorts.Index;

/// <summary>A <see cref="CohortDefinition"/> resolved once for counting: day numbers, masks and windows.</summary>
internal sealed class CohortPlan
{
    private CohortPlan(CohortDefinition definition, CellPerturbation? perturbation)
    {
        Definition = definition;
        Perturbation = perturbation;
        PeriodFrom = definition.Period?.From?.DayNumber ?? int.MinValue;
        PeriodTo = definition.Period?.To?.DayNumber ?? int.MaxValue;
        Sex = definition.Sex is { } sex ? (int)sex : -1;
        var prefs = definition.Pref.IsDefault ? [] : definition.Pref;
        AnyPref = prefs.IsEmpty;
        foreach (var pref in prefs)
        {
            // A code that is not a prefecture is held by nobody.
            if (pref is not null && FeedFormats.PrefectureNumber(pref) is > 0 and var number) PrefMask |= 1UL << number;
        }

        Require = [.. Windows(definition.Require)];
        Exclude = [.. Windows(definition.Exclude)];
        GroupBy = definition.GroupBy.IsDefault ? [] : definition.GroupBy;
        if (definition.Outcome is { } outcome)
        {
            Outcome = definition.Survival is null ? Window.Of(outcome) : new Window(outcome, 0, outcome.To ?? int.MaxValue);
        }

        SurvivalStep = definition.Survival?.Step ?? 0;
    }

    public CohortDefinition Definition { get; }

    /// <summary>When counts are perturbed: how each person's key is derived, to sum per group and interval.</summary>
    public CellPerturbation? Perturbation { get; }

    /// <summary>The first day of the period (a <see cref="DateOnly.DayNumber"/>), or <see cref="int.MinValue"/>.</summary>
    public int PeriodFrom { get; }

    public int PeriodTo { get; }

    /// <summary>The <see cref="Feeds.Sex"/> required, or -1.</summary>
    public int Sex { get; }

    public bool AnyPref { get; }

    /// <summary>Bit p set for each prefecture p (1..47) allowed.</summary>
    public ulong PrefMask { get; }

    public ImmutableArray<Window> Require { get; }

    public ImmutableArray<Window> Exclude { get; }

    /// <summary>With survival, from day 0 to <c>outcome.to</c>.</summary>
    public Window? Outcome { get; }

    /// <summary>The survival step in days, or 0 without survival.</summary>
    public int SurvivalStep { get; }

    public ImmutableArray<GroupKey> GroupBy { get; }

    /// <summary>The definition groups by the entry receipt's facility.</summary>
    public bool ByFacility => GroupBy.Contains(GroupKey.Facility);

    public bool Admits(int age) => Definition.Age?.Contains(age) ?? true;

    /// <summary>Resolves a definition; one the contract would refuse is an <see cref="ArgumentException"/>.</summary>
    public static CohortPlan Of(CohortDefinition definition, CellPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Entry, "entry");
        if (definition.Survival is { } survival)
        {
            if (survival.Step is < SurvivalRequest.MinStep or > SurvivalRequest.MaxStep)
            {
                throw new ArgumentException($"survival.step {survival.Step} is not {SurvivalRequest.MinStep}..{SurvivalRequest.MaxStep}", nameof(definition));
            }

            if (definition.Outcome is not { } outcome) throw new ArgumentException("survival needs an outcome", nameof(definition));
            if (outcome.From is not (null or 0)) throw new ArgumentException($"with survival, outcome.from must be absent or 0, not {outcome.From}", nameof(definition));
            if (outcome.To < 0) throw new ArgumentException($"with survival, outcome.to must not be negative ({outcome.To})", nameof(definition));
        }

        var groupBy = definition.GroupBy.IsDefault ? [] : definition.GroupBy;
        if (groupBy.Contains(GroupKey.Outcome) && definition.Outcome is null)
        {
            throw new ArgumentException("groupBy outcome needs an outcome", nameof(definition));
        }

        if (groupBy.Distinct().Count() != groupBy.Length) throw new ArgumentException("groupBy names a key twice", nameof(definition));
        return new CohortPlan(definition, perturbation);
    }

    private static IEnumerable<Window> Windows(ImmutableArray<CohortCriterion> criteria) =>
        criteria.IsDefault ? [] : criteria.Select(c => Window.Of(c ?? throw new ArgumentException("a criterion is null")));

    /// <summary>A criterion and its window in days relative to the entry date, both ends inclusive.</summary>
    public sealed record Window(CohortCriterion Criterion, int From, int To)
    {
        public static Window Of(CohortCriterion criterion) => new(criterion, criterion.From ?? int.MinValue, criterion.To ?? int.MaxValue);

        public bool Contains(int offset) => offset >= From && offset <= To;
    }
}

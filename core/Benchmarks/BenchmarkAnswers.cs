using System.Collections.Immutable;
using Linkage.Disclosure;

namespace Linkage.Benchmarks;

/// <summary>
/// Turns the exact counts of an indicator (people and outcomes per facility and stratum) into a published
/// benchmark-v1 answer: expected counts, SMRs, limits and flags, with disclosure control.
/// </summary>
/// <remarks>
/// <para>Disclosure: a facility with fewer than minCell people is left out; a shown facility publishes its people
/// <c>n</c>, so its observed count <c>O</c> is withheld (null, with its SMR) when <c>O</c> or <c>n - O</c> is from 1 to
/// minCell - 1. The expected counts add up to the observed ones, so when no facility is left out the shown expected
/// counts publish the sum of every <c>O</c>: then the withheld observed counts add up to a known number, and so do
/// their <c>n - O</c>. While either sum is from 1 to minCell - 1, one more observed count is withheld (complementary,
/// the shown one with the smallest such count, then by code); if withholding them all cannot help, no facility is
/// shown. <see cref="BenchmarkAnswerAudit"/> puts the result to the <see cref="DisclosureAuditor"/>.</para>
/// <para>Benchmark counts are never perturbed: expected counts and ratios are functions of exact counts.</para>
/// </remarks>
public static class BenchmarkAnswers
{
    /// <param name="counts">The exact counts of the attributed people, per facility and stratum.</param>
    /// <param name="unattributed">The cohort's people whose entry has no facility.</param>
    /// <param name="pseudonyms">For a researcher, how codes are shown; null shows the codes (the authority role).</param>
    public static BenchmarkAnswer Publish(
        BenchmarkRequest request, IEnumerable<StratumCount> counts, long unattributed, DateTimeOffset asOf, FacilityPseudonyms? pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rule = new CellRule(request.MinCell, Perturbation: null);
        var facilities = IndirectStandardisation.Of(counts);
        var tau2 = request.Overdispersion ? Overdispersion.Tau2(facilities) : 0;
        var shown = facilities.Where(f => f.People >= request.MinCell).ToList();
        var withheld = Withheld(shown, allShown: shown.Count == facilities.Length, rule);
        if (withheld is null) shown.Clear();

        var widest = request.Limits.IndexOf(request.Limits.Max());
        var published = shown.Select(f =>
        {
            var limits = request.Limits.Select(coverage => FunnelLimits.At(coverage, f.Expected, tau2)).ToImmutableArray();
            var flags = limits.Select(limit => FunnelLimits.FlagOf(f.Smr, limit)).ToImmutableArray();
            var hidden = withheld!.TryGetValue(f.Facility, out var complementary);
            return new FacilityBenchmark
            {
                Facility = pseudonyms?.Of(f.Facility) ?? f.Facility,
                People = f.People,
                Observed = hidden ? null : f.Observed,
                Expected = f.Expected,
                Smr = hidden ? null : f.Smr,
                Limits = limits,
                Flag = flags[widest],
                Flags = flags,
                Complementary = hidden && complementary,
            };
        });

        return new BenchmarkAnswer
        {
            AsOf = asOf,
            MinCell = request.MinCell,
            Adjust = request.Adjust,
            Unattributed = rule.Harmless(unattributed) ? unattributed : null,
            Tau2 = tau2,
            Facilities = [.. published.OrderBy(f => f.Facility, StringComparer.Ordinal)],
            Suppressed = withheld?.Count ?? 0,
            Coverages = request.Limits,
        };
    }

    /// <summary>
    /// The shown facilities whose observed count is withheld, each with whether only as a complement; null when no
    /// facility can be shown at all.
    /// </summary>
    private static Dictionary<string, bool>? Withheld(List<FacilityExpectation> shown, bool allShown, CellRule rule)
    {
        var withheld = shown.Where(f => !rule.Harmless(f.Observed) || !rule.Harmless(f.People - f.Observed))
            .ToDictionary(f => f.Facility, _ => false, StringComparer.Ordinal);
        if (!allShown) return withheld;

        // Every facility is shown: the shown expected counts add up to all outcomes, so the withheld ones add up too.
        while (true)
        {
            var hidden = shown.Where(f => withheld.ContainsKey(f.Facility)).ToList();
            var outcomes = hidden.Sum(f => f.Observed);
            var others = hidden.Sum(f => f.People - f.Observed);
            if (rule.Harmless(outcomes) && rule.Harmless(others)) return withheld;
            Func<FacilityExpectation, long> part = rule.Harmless(outcomes) ? f => f.People - f.Observed : f => f.Observed;
            var next = shown.Where(f => !withheld.ContainsKey(f.Facility) && part(f) > 0)
                .OrderBy(part).ThenBy(f => f.Facility, StringComparer.Ordinal).FirstOrDefault();
            if (next.Facility is null) return null;
            withheld[next.Facility] = true;
        }
    }
}

using Linkage.Disclosure;

namespace Linkage.Benchmarks;

/// <summary>
/// Puts a published benchmark answer to the <see cref="DisclosureAuditor"/>: its numbers of people as sums of the
/// finest sets of people it tells apart, whose true counts come from the exact facility counts.
/// </summary>
/// <remarks>
/// The atoms are each facility's people with the outcome and without it, and the unattributed people. A shown
/// facility publishes its people (both of its atoms) and, unless withheld, its observed count. When every facility
/// is shown, the expected counts publish the sum of all observed counts (benchmark-v1: they add up to it); rounding
/// to 3 decimals is taken as exact, which only makes the audit stricter.
/// </remarks>
public static class BenchmarkAnswerAudit
{
    /// <summary>Every count from 1 to minCell - 1 a reader can work out from <paramref name="answer"/>.</summary>
    /// <param name="pseudonyms">The pseudonyms the answer was published with, or null when it shows codes.</param>
    public static IReadOnlyList<DerivedCount> SmallCounts(
        IReadOnlyList<FacilityExpectation> exact, long unattributed, BenchmarkAnswer answer, FacilityPseudonyms? pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(answer);
        var atoms = new List<(string Name, long Count)> { ("unattributed", unattributed) };
        var published = new List<PublishedSum>();
        if (answer.Unattributed is not null) published.Add(new PublishedSum("unattributed", [0]));

        var shown = answer.Facilities.ToDictionary(f => f.Facility, StringComparer.Ordinal);
        var outcomes = new List<int>();
        foreach (var facility in exact)
        {
            var withOutcome = atoms.Count;
            atoms.Add(($"{facility.Facility} with the outcome", facility.Observed));
            atoms.Add(($"{facility.Facility} without it", facility.People - facility.Observed));
            outcomes.Add(withOutcome);
            if (!shown.TryGetValue(pseudonyms?.Of(facility.Facility) ?? facility.Facility, out var row)) continue;
            published.Add(new PublishedSum($"{row.Facility} n", [withOutcome, withOutcome + 1]));
            if (row.Observed is not null) published.Add(new PublishedSum($"{row.Facility} observed", [withOutcome]));
        }

        if (shown.Count > 0 && shown.Count == exact.Count) published.Add(new PublishedSum("sum of expected", [.. outcomes]));
        return DisclosureAuditor.SmallCounts(atoms, published, answer.MinCell);
    }
}

using System.Collections.Immutable;

namespace Linkage.Benchmarks;

/// <summary>
/// benchmark-v1's indirect standardisation: the reference rate of a stratum is the outcomes of every facility in it over
/// its people, and a facility's expected count is the sum over strata of its people there times the stratum's rate; so
/// the expected counts add up to the observed ones.
/// </summary>
public static class IndirectStandardisation
{
    /// <summary>Per facility, sorted by code ordinal: people, observed and expected outcomes.</summary>
    public static ImmutableArray<FacilityExpectation> Of(IEnumerable<StratumCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var cells = counts.ToList();
        var strata = new Dictionary<string, (long People, long Outcomes)>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var stratum = strata.GetValueOrDefault(cell.Stratum);
            strata[cell.Stratum] = (stratum.People + cell.People, stratum.Outcomes + cell.Outcomes);
        }

        var facilities = new SortedDictionary<string, (long People, long Observed, double Expected)>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var (people, outcomes) = strata[cell.Stratum];
            var rate = people > 0 ? (double)outcomes / people : 0;
            var facility = facilities.GetValueOrDefault(cell.Facility);
            facilities[cell.Facility] = (facility.People + cell.People, facility.Observed + cell.Outcomes, facility.Expected + cell.People * rate);
        }

        return [.. facilities.Select(f => new FacilityExpectation(f.Key, f.Value.People, f.Value.Observed, f.Value.Expected))];
    }
}

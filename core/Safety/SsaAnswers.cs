using System.Collections.Immutable;
using System.Globalization;
using Linkage.Disclosure;

namespace Linkage.Safety;

/// <summary>
/// Turns merged sequence counts into the safety-v1 answer: the ratios of safety-v1, and cohort-v1's disclosure
/// control for researchers (exact for the authority role), its cell-key perturbation included when the rule has one.
/// </summary>
/// <remarks>
/// A single pair's numbers split the people into seven atoms: neither incident, index only, marker only, both but
/// further apart than the window, same-day, index first, marker first. Every attrition step and the two sequence
/// counts are sums of them. The sequence counts are published together or not at all (both 0 or at least minCell);
/// then the attrition steps are taken in order, each kept only when <see cref="DisclosureAuditor"/> finds no count
/// from 1 to minCell - 1 derivable from everything kept so far (between consecutive steps included). A screening
/// publishes the people and the incident index the same way, and per code only its two sequence counts.
/// With perturbation every published count is its cell's perturbed count (a cell is kept only when neither its exact
/// nor its perturbed count is from 1 to minCell - 1, and the derivation checks stay on the exact counts, as for cohort
/// answers), and the ratios, interval, p and q are computed from the perturbed nAB and nBA.
/// </remarks>
public static class SsaAnswers
{
    /// <summary>A screening signals at this false discovery rate.</summary>
    public const double ScreeningFdr = 0.05;

    private static readonly string[] PairSteps = ["people", "incident index", "incident marker", "both", "within window", "without ties"];

    /// <param name="rule">The small-cell rule; null for the authority role's exact answer.</param>
    public static SsaAnswer Publish(SsaRequest request, SsaCounts counts, DateTimeOffset asOf, CellRule? rule)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(counts);
        return request.Screen is null ? PublishPair(request, counts, asOf, rule) : PublishScreening(request, counts, asOf, rule);
    }

    private static SsaAnswer PublishPair(SsaRequest request, SsaCounts counts, DateTimeOffset asOf, CellRule? rule)
    {
        var marker = counts.Markers.FirstOrDefault() ?? new SsaMarkerCounts { Code = "", MarkerDays = DayHistogram.Empty, Gaps = DayHistogram.Empty };
        long people = counts.People, index = counts.IndexDays.Total, markers = marker.MarkerDays.Total;

        // The index-first and marker-first atoms are split into the histogram's bins when it was counted. Each atom's
        // cell key is the sum of its people's keys, worked out from the counted sets as its count is (modulo 2^64).
        var bins = marker.Gaps is { } gaps ? SequenceBins.Of(gaps, request.Window) : null;
        var binKeys = marker.Gaps is { } keyed ? SequenceBins.KeysOf(keyed, request.Window) : null;
        var names = new List<string> { "neither", "index only", "marker only", "outside window", "same day" };
        var atoms = new List<long>
        {
            people - index - markers + marker.Both, index - marker.Both, markers - marker.Both, marker.Both - marker.WithinWindow, marker.Ties,
        };
        var keys = unchecked(new List<ulong>
        {
            counts.PeopleKey - counts.IndexKey - marker.MarkerKey + marker.BothKey, counts.IndexKey - marker.BothKey,
            marker.MarkerKey - marker.BothKey, marker.BothKey - marker.WithinWindowKey, marker.TiesKey,
        });
        var binAtoms = new List<int>();
        if (bins is null)
        {
            names.AddRange(["index first", "marker first"]);
            atoms.AddRange([marker.IndexFirst, marker.MarkerFirst]);
            keys.AddRange([marker.IndexFirstKey, marker.MarkerFirstKey]);
        }
        else
        {
            for (var i = 0; i < bins.Count; i++)
            {
                binAtoms.Add(atoms.Count);
                names.Add($"days {bins[i].From} to {bins[i].To}");
                atoms.Add(bins[i].Count!.Value);
                keys.Add(binKeys![i]);
            }
        }

        ImmutableArray<int> indexFirst = bins is null ? [5] : [.. binAtoms.Where((_, i) => bins[i].From > 0)];
        ImmutableArray<int> markerFirst = bins is null ? [6] : [.. binAtoms.Where((_, i) => bins[i].From < 0)];
        ImmutableArray<int>[] steps =
        [
            [0, 1, 2, 3, 4, .. indexFirst, .. markerFirst], [1, 3, 4, .. indexFirst, .. markerFirst], [2, 3, 4, .. indexFirst, .. markerFirst],
            [3, 4, .. indexFirst, .. markerFirst], [4, .. indexFirst, .. markerFirst], [.. indexFirst, .. markerFirst],
        ];
        var nsr = NullEffectRatio.Of(counts.IndexDays, marker.MarkerDays, request.Window);
        if (rule is null)
        {
            return new SsaAnswer
            {
                AsOf = asOf.ToUniversalTime(), MinCell = 1, Exact = true,
                Attrition = [.. PairSteps.Select((step, i) => new AttritionStep(step, steps[i].Sum(a => atoms[a])))],
                Pair = Published(SequenceRatios.Estimate(marker.IndexFirst, marker.MarkerFirst, nsr)),
                SequenceDays = bins is null ? null : [.. bins],
            };
        }

        PublishedCell Cell(ImmutableArray<int> set) => rule.Of(set.Sum(a => atoms[a]), set.Aggregate(0UL, (sum, a) => unchecked(sum + keys[a])));
        var atomNames = names.ToArray();
        var atomCounts = atoms.ToArray();
        var published = new List<PublishedSum>();
        var (nAB, nBA) = (Cell(indexFirst), Cell(markerFirst));
        var pairShown = rule.Publishable(nAB) && rule.Publishable(nBA);
        if (pairShown) published.AddRange([new PublishedSum("nAB", indexFirst), new PublishedSum("nBA", markerFirst)]);
        var attrition = ImmutableArray.CreateBuilder<AttritionStep>();
        for (var i = 0; i < PairSteps.Length; i++)
        {
            var cell = Cell(steps[i]);
            var kept = rule.Publishable(cell) && Keep(published, new PublishedSum(PairSteps[i], steps[i]), atomNames, atomCounts, rule);
            attrition.Add(new AttritionStep(PairSteps[i], kept ? cell.Published : null));
        }

        // Bins after the attrition, each kept only when nothing small becomes derivable (from nAB, nBA and the steps too).
        ImmutableArray<SequenceBin>? days = bins is null ? null
            : [.. bins.Select((bin, i) => Cell([binAtoms[i]]) is var cell && pairShown && rule.Publishable(cell)
                && Keep(published, new PublishedSum(atomNames[binAtoms[i]], [binAtoms[i]]), atomNames, atomCounts, rule)
                ? bin with { Count = cell.Published } : bin with { Count = null })];
        return new SsaAnswer
        {
            AsOf = asOf.ToUniversalTime(), MinCell = rule.MinCell, Attrition = attrition.ToImmutable(),
            // Ratios, interval and p from the counts as published: a perturbed answer gives nothing exact away through them.
            Pair = pairShown ? Published(SequenceRatios.Estimate(nAB.Published, nBA.Published, nsr)) : SsaRatios.Suppressed,
            SequenceDays = days,
            Perturbed = rule.Perturbed,
        };
    }

    private static SsaAnswer PublishScreening(SsaRequest request, SsaCounts counts, DateTimeOffset asOf, CellRule? rule)
    {
        // Each code's sequence counts as published (perturbed for a researcher when the deployment says so, exact for
        // the authority); the ratios, p and q are computed from them.
        var estimates = counts.Markers.Select(m =>
        {
            var (ab, ba) = rule is null
                ? (new PublishedCell(m.IndexFirst, m.IndexFirst), new PublishedCell(m.MarkerFirst, m.MarkerFirst))
                : (rule.Of(m.IndexFirst, m.IndexFirstKey), rule.Of(m.MarkerFirst, m.MarkerFirstKey));
            var shown = rule is null || (rule.Publishable(ab) && rule.Publishable(ba));
            return (m.Code, Shown: shown, Estimate: SequenceRatios.Estimate(ab.Published, ba.Published, NullEffectRatio.Of(counts.IndexDays, m.MarkerDays, request.Window)));
        }).ToArray();

        // A code whose p is undefined (no null-effect ratio) counts in m with p = 1: it was screened and found nothing.
        var q = BenjaminiHochberg.Adjust([.. estimates.Select(e => e.Estimate.P ?? 1.0)]);
        var rows = new List<(SsaRow Row, double? Low)>();
        var suppressed = 0;
        for (var i = 0; i < estimates.Length; i++)
        {
            var (code, shown, estimate) = estimates[i];
            if (!shown)
            {
                suppressed++;
                continue;
            }

            var ratios = Published(estimate) with { Signal = q[i] <= ScreeningFdr };
            rows.Add((new SsaRow { Code = code, Ratios = ratios, Q = SignificantDigits(q[i]) }, estimate.AsrLow));
        }

        long[] atoms = [counts.People - counts.IndexDays.Total, counts.IndexDays.Total];
        ulong[] keys = [unchecked(counts.PeopleKey - counts.IndexKey), counts.IndexKey];
        ImmutableArray<int>[] steps = [[0, 1], [1]];
        var published = new List<PublishedSum>();
        var attrition = ImmutableArray.CreateBuilder<AttritionStep>();
        for (var i = 0; i < steps.Length; i++)
        {
            var count = steps[i].Sum(a => atoms[a]);
            var cell = rule?.Of(count, steps[i].Aggregate(0UL, (sum, a) => unchecked(sum + keys[a]))) ?? new PublishedCell(count, count);
            var keep = rule is null
                || (rule.Publishable(cell) && Keep(published, new PublishedSum(PairSteps[i], steps[i]), ["without index", "incident index"], atoms, rule));
            attrition.Add(new AttritionStep(PairSteps[i], keep ? cell.Published : null));
        }

        return new SsaAnswer
        {
            AsOf = asOf.ToUniversalTime(),
            MinCell = rule?.MinCell ?? 1,
            Exact = rule is null,
            Perturbed = rule?.Perturbed == true,
            Attrition = attrition.ToImmutable(),
            Rows = [.. rows.OrderByDescending(r => r.Low ?? double.NegativeInfinity).ThenBy(r => r.Row.Code, StringComparer.Ordinal).Select(r => r.Row)],
            SuppressedRows = suppressed,
            Screened = estimates.Length,
        };
    }

    /// <summary>Adds <paramref name="candidate"/> to what is published when the auditor then finds no small count; true when added.</summary>
    private static bool Keep(List<PublishedSum> published, PublishedSum candidate, string[] names, long[] atoms, CellRule rule)
    {
        var counted = atoms.Select((count, i) => (names[i], count)).ToArray();
        published.Add(candidate);
        if (DisclosureAuditor.SmallCounts(counted, published, rule.MinCell).Count == 0) return true;
        published.RemoveAt(published.Count - 1);
        return false;
    }

    private static SsaRatios Published(SequenceEstimate estimate) => new()
    {
        IndexFirst = estimate.IndexFirst,
        MarkerFirst = estimate.MarkerFirst,
        Csr = Ratio(estimate.Csr),
        Nsr = Ratio(estimate.Nsr),
        Asr = Ratio(estimate.Asr),
        AsrLow = Ratio(estimate.AsrLow),
        AsrHigh = Ratio(estimate.AsrHigh),
        P = estimate.P is { } p ? SignificantDigits(p) : null,
        Signal = estimate.Signal,
    };

    /// <summary>safety-v1: ratios rounded to 4 decimals.</summary>
    public static double? Ratio(double? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>safety-v1: p to 6 significant digits.</summary>
    public static double SignificantDigits(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

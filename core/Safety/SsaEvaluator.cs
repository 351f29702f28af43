using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Disclosure;

namespace Linkage.Safety;

/// <summary>
/// Counts a sequence symmetry analysis over one index partition (safety-v1): per person the observation start (the
/// earliest event of any kind), the first index date and the first marker date, each found by the index's one matcher
/// of cohort-v1 criteria. A screening takes, slice by slice, every code prefix of the asked length as a marker.
/// A keyed query also sums the people's cell keys (the deployment's <see cref="CellPerturbation"/>, the same keys a
/// cohort answer gives the same people).
/// </summary>
/// <param name="perturbation">The deployment's cell-key perturbation; null when it is off (keyed queries then sum nothing).</param>
public sealed class SsaEvaluator(CellPerturbation? perturbation = null) : IndexQueryEvaluator<SsaQuery, SsaPartial>
{
    public override SsaPartial Evaluate(SsaQuery query, IReadOnlyList<IndexSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slices);
        var request = query.Request;
        // A keyed query on a silo without the deployment's perturbation would sum no keys, and every count would then
        // be published with the offset of key 0: refuse rather than publish that.
        if (query.Keyed && perturbation is null)
        {
            throw new InvalidOperationException("A keyed sequence symmetry query reached a silo without cell perturbation (Linkage:Cohorts:Perturbation differs between silos).");
        }

        var keys = query.Keyed ? perturbation : null;
        var tally = new SsaTally(request.Window, request.RunIn, request.Period, gaps: request.Marker is not null, keyed: keys is not null);
        foreach (var slice in slices) Count(request, slice, tally, keys);
        return new SsaPartial { Counts = tally.ToCounts() };
    }

    private static void Count(SsaRequest request, IndexSlice slice, SsaTally tally, CellPerturbation? keys)
    {
        // Each person's cell key, taken once per slice (every live person is counted in the population).
        var key = new ulong[keys is null ? 0 : slice.Slots];
        for (var slot = 0; slot < slice.Slots; slot++)
        {
            if (!slice.IsLive(slot)) continue;
            if (keys is not null) key[slot] = keys.PersonKey(slice.FingerprintOf(slot));
            tally.AddPerson(KeyOf(key, slot));
        }

        var touched = new List<int>();
        var start = FirstDates.ObservationStarts(slice);
        var index = FirstDates.Incident(slice, request.Index, start, request.RunIn, request.Period, touched);
        foreach (var slot in touched) tally.AddIndex(index[slot], KeyOf(key, slot));

        var marker = EarliestDays.NewDays(slice.Slots);
        if (request.Marker is { } single)
        {
            CountMarker("", single, slice, tally, start, index, marker, touched, key);
            return;
        }

        var screen = request.Screen!;
        foreach (var prefix in slice.CodePrefixes(screen.Kind, screen.Field, screen.Length))
        {
            var criterion = screen.Field == "drug"
                ? new CohortCriterion { Kind = screen.Kind, Drug = prefix }
                : new CohortCriterion { Kind = screen.Kind, Code = prefix };
            CountMarker(prefix, criterion, slice, tally, start, index, marker, touched, key);
        }
    }

    /// <summary>Counts one marker's incident first dates, then clears the slots it set for the next.</summary>
    private static void CountMarker(
        string code, CohortCriterion criterion, IndexSlice slice, SsaTally tally, int[] start, int[] index, int[] marker, List<int> touched, ulong[] key)
    {
        touched.Clear();
        var visitor = new EarliestDays(marker, touched);
        slice.ForEachMatch(criterion, ref visitor);
        foreach (var slot in touched)
        {
            if (tally.Incident(start[slot], marker[slot]) is { } incident)
            {
                tally.AddMarker(code, incident, index[slot] == EarliestDays.None ? null : index[slot], KeyOf(key, slot));
            }

            marker[slot] = EarliestDays.None;
        }
    }

    /// <summary>A person's cell key, or 0 when the query is not keyed (no keys were taken).</summary>
    private static ulong KeyOf(ulong[] key, int slot) => key.Length == 0 ? 0 : key[slot];
}

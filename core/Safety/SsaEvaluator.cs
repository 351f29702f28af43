using Linkage.Cohorts;
using Linkage.Cohorts.Index;

namespace Linkage.Safety;

/// <summary>
/// Counts a sequence symmetry analysis over one index partition (safety-v1): per person the observation start (the
/// earliest event of any kind), the first index date and the first marker date, each found by the index's one matcher
/// of cohort-v1 criteria. A screening takes, slice by slice, every code prefix of the asked length as a marker.
/// </summary>
public sealed class SsaEvaluator : IndexQueryEvaluator<SsaQuery, SsaPartial>
{
    public override SsaPartial Evaluate(SsaQuery query, IReadOnlyList<IndexSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slices);
        var request = query.Request;
        var tally = new SsaTally(request.Window, request.RunIn, request.Period, gaps: request.Marker is not null);
        foreach (var slice in slices) Count(request, slice, tally);
        return new SsaPartial { Counts = tally.ToCounts() };
    }

    private static void Count(SsaRequest request, IndexSlice slice, SsaTally tally)
    {
        for (var slot = 0; slot < slice.Slots; slot++)
        {
            if (slice.IsLive(slot)) tally.AddPerson();
        }

        var touched = new List<int>();
        var start = FirstDates.ObservationStarts(slice);
        var index = FirstDates.Incident(slice, request.Index, start, request.RunIn, request.Period, touched);
        foreach (var slot in touched) tally.AddIndex(index[slot]);

        var marker = EarliestDays.NewDays(slice.Slots);
        if (request.Marker is { } single)
        {
            CountMarker("", single, slice, tally, start, index, marker, touched);
            return;
        }

        var screen = request.Screen!;
        foreach (var prefix in slice.CodePrefixes(screen.Kind, screen.Field, screen.Length))
        {
            var criterion = screen.Field == "drug"
                ? new CohortCriterion { Kind = screen.Kind, Drug = prefix }
                : new CohortCriterion { Kind = screen.Kind, Code = prefix };
            CountMarker(prefix, criterion, slice, tally, start, index, marker, touched);
        }
    }

    /// <summary>Counts one marker's incident first dates, then clears the slots it set for the next.</summary>
    private static void CountMarker(
        string code, CohortCriterion criterion, IndexSlice slice, SsaTally tally, int[] start, int[] index, int[] marker, List<int> touched)
    {
        touched.Clear();
        var visitor = new EarliestDays(marker, touched);
        slice.ForEachMatch(criterion, ref visitor);
        foreach (var slot in touched)
        {
            if (tally.Incident(start[slot], marker[slot]) is { } incident)
            {
                tally.AddMarker(code, incident, index[slot] == EarliestDays.None ? null : index[slot]);
            }

            marker[slot] = EarliestDays.None;
        }
    }
}

using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Safety;
using Linkage.Tests.Cohorts.Index;

namespace Linkage.Tests.Safety;

/// <summary>
/// safety-v1's sequence counts worked out the plain way, person by person over their summaries, with the index tests'
/// plain criterion match: what the index evaluator is held to.
/// </summary>
internal static class NaiveSsa
{
    public static SsaCounts Count(SsaRequest request, IReadOnlyCollection<PersonSummary> people)
    {
        var markers = request.Marker is { } marker
            ? [("", marker)]
            : Prefixes(request.Screen!, people).Select(p => (p, request.Screen!.Field == "drug"
                ? new CohortCriterion { Kind = request.Screen.Kind, Drug = p }
                : new CohortCriterion { Kind = request.Screen.Kind, Code = p })).ToArray();

        int? Incident(PersonSummary person, CohortCriterion criterion)
        {
            var matching = person.Events.Where(e => NaiveCohortCount.Matches(criterion, e)).Select(e => e.Date.DayNumber).ToList();
            if (matching.Count == 0) return null;
            var first = matching.Min();
            var start = person.Events.Min(e => e.Date.DayNumber);
            var inPeriod = request.Period is null || request.Period.Contains(DateOnly.FromDayNumber(first));
            return first - start >= request.RunIn && inPeriod ? first : null;
        }

        var indexDays = new SortedDictionary<int, long>();
        var firstIndex = people.Select(p => Incident(p, request.Index)).ToArray();
        foreach (var day in firstIndex.OfType<int>()) indexDays[day] = indexDays.GetValueOrDefault(day) + 1;

        var counted = new List<SsaMarkerCounts>();
        foreach (var (code, criterion) in markers.OrderBy(m => m.Item1, StringComparer.Ordinal))
        {
            var days = new SortedDictionary<int, long>();
            var gaps = new SortedDictionary<int, long>();
            long both = 0, within = 0, ties = 0, ab = 0, ba = 0;
            var i = 0;
            foreach (var person in people)
            {
                var a = firstIndex[i++];
                if (Incident(person, criterion) is not { } b) continue;
                days[b] = days.GetValueOrDefault(b) + 1;
                if (a is not { } tA) continue;
                both++;
                if (Math.Abs(b - tA) > request.Window) continue;
                within++;
                if (b == tA) ties++;
                else if (tA < b) ab++;
                else ba++;
                if (b != tA) gaps[b - tA] = gaps.GetValueOrDefault(b - tA) + 1;
            }

            if (days.Count == 0) continue;
            counted.Add(new SsaMarkerCounts
            {
                Code = code, Both = both, WithinWindow = within, Ties = ties, IndexFirst = ab, MarkerFirst = ba,
                MarkerDays = new DayHistogram { Days = [.. days.Keys], Counts = [.. days.Values] },
                Gaps = request.Marker is null ? null : new DayHistogram { Days = [.. gaps.Keys], Counts = [.. gaps.Values] },
            });
        }

        return new SsaCounts
        {
            People = people.Count,
            IndexDays = new DayHistogram { Days = [.. indexDays.Keys], Counts = [.. indexDays.Values] },
            Markers = [.. counted],
        };
    }

    private static IEnumerable<string> Prefixes(MarkerScreen screen, IEnumerable<PersonSummary> people) =>
        people.SelectMany(p => p.Events).Where(e => e.Kind == screen.Kind)
            .SelectMany(e => screen.Kind != EventKind.Receipt ? (e.Code is { } c ? [c] : []) : screen.Field == "drug" ? e.Drugs.AsEnumerable() : e.Diagnoses)
            .Where(c => c.Length >= screen.Length).Select(c => c[..screen.Length]).Distinct();
}

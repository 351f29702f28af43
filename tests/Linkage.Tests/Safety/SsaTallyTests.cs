using Linkage.Cohorts;
using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class SsaTallyTests
{
    /// <summary>Seven people, observation from day 0, window 30, run-in 10 (see each line).</summary>
    private static SsaCounts Count(DatePeriod? period = null)
    {
        var tally = new SsaTally(window: 30, runIn: 10, period);
        (int? Index, int? Marker)[] people =
        [
            (20, 30),   // index first, 10 days apart
            (50, 40),   // marker first
            (15, 15),   // same day
            (100, 20),  // 80 days apart: outside the window
            (5, 40),    // index 5 days after start: prevalent, so marker only
            (60, null), // index only
            (null, null),
        ];
        foreach (var (index, marker) in people)
        {
            tally.AddPerson();
            var incidentIndex = index is { } a ? tally.Incident(0, a) : null;
            if (incidentIndex is { } ia) tally.AddIndex(ia);
            if (marker is { } b && tally.Incident(0, b) is { } ib) tally.AddMarker("", ib, incidentIndex);
        }

        return tally.ToCounts();
    }

    [Fact]
    public void Counts_incident_people_their_sequences_and_first_days()
    {
        var counts = Count();
        var marker = Assert.Single(counts.Markers);

        Assert.Equal(7, counts.People);
        Assert.Equal([15, 20, 50, 60, 100], counts.IndexDays.Days.ToArray());
        Assert.Equal([15, 20, 30, 40], marker.MarkerDays.Days.ToArray());
        Assert.Equal([1, 1, 1, 2], marker.MarkerDays.Counts.ToArray());
        Assert.Equal((4L, 3L, 1L, 1L, 1L), (marker.Both, marker.WithinWindow, marker.Ties, marker.IndexFirst, marker.MarkerFirst));
    }

    [Fact]
    public void A_first_date_outside_the_period_is_treated_as_absent()
    {
        var counts = Count(new DatePeriod { To = DateOnly.FromDayNumber(99) });
        var marker = Assert.Single(counts.Markers);

        Assert.Equal([15, 20, 50, 60], counts.IndexDays.Days.ToArray());
        Assert.Equal((3L, 3L), (marker.Both, marker.WithinWindow));
    }

    [Fact]
    public void Merging_parts_in_any_order_equals_counting_everyone_together()
    {
        var one = new SsaTally(30, 0, null);
        var two = new SsaTally(30, 0, null);
        var all = new SsaTally(30, 0, null);
        foreach (var (tally, a, b, code) in new[] { (one, 3, 5, "K29"), (two, 3, 9, "K29"), (two, 7, 1, "I10"), (one, 4, 4, "I10") })
        {
            foreach (var target in new[] { tally, all })
            {
                target.AddPerson();
                target.AddIndex(a);
                target.AddMarker(code, b, a);
            }
        }

        Assert.Equal(all.ToCounts(), SsaCountsMerge.Merge([two.ToCounts(), one.ToCounts()]));
        Assert.Equal(all.ToCounts(), SsaCountsMerge.Merge([SsaCountsMerge.Empty, one.ToCounts(), two.ToCounts()]));
    }
}

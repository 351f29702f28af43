using System.Collections.Immutable;
using Linkage.Disclosure;
using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class SsaAnswersTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static readonly SsaRequest Pair = new()
    {
        Index = new() { Kind = Linkage.Feeds.EventKind.Medication, Code = "2149" },
        Marker = new() { Kind = Linkage.Feeds.EventKind.Receipt, Code = "K29" },
        MinCell = 10,
    };

    /// <summary>1000 people, 200 incident index (day 0), 300 incident marker (days 10 and -10), 50 both.</summary>
    private static SsaCounts Counts(long within, long ties, long ab, long ba) => new()
    {
        People = 1000,
        IndexDays = NullEffectRatioTests.Histogram((0, 200)),
        Markers = [new SsaMarkerCounts
        {
            Code = "", Both = 50, WithinWindow = within, Ties = ties, IndexFirst = ab, MarkerFirst = ba,
            MarkerDays = NullEffectRatioTests.Histogram((-10, 100), (10, 200)),
        }],
    };

    [Fact]
    public void Steps_that_would_reveal_a_few_people_between_them_are_suppressed()
    {
        // within window 45 - (nAB 30 + nBA 12) = 3 same-day pairs; both 50 - 42 = 8 = outside window 5 + same day 3.
        var answer = SsaAnswers.Publish(Pair, Counts(45, 3, 30, 12), AsOf, new CellRule(10, null));

        Assert.Equal([1000, 200, 300, null, null, 42], answer.Attrition.Select(s => s.Count));
        Assert.Equal((30L, 12L), (answer.Pair!.IndexFirst, answer.Pair.MarkerFirst));
        Assert.Equal(2.5, answer.Pair.Csr);
        // p = after / around = 200 / 300 per index day, nsr = 2; asr = 2.5 / 2.
        Assert.Equal(2.0, answer.Pair.Nsr);
        Assert.Equal(1.25, answer.Pair.Asr);
    }

    [Fact]
    public void A_small_sequence_count_nulls_the_counts_ratios_interval_p_and_signal()
    {
        var answer = SsaAnswers.Publish(Pair, Counts(45, 0, 40, 5), AsOf, new CellRule(10, null));

        Assert.Equal(SsaRatios.Suppressed, answer.Pair);
        // Within window (and without ties) 45 would leave both 50 - 45 = 5 outside the window.
        Assert.Equal([1000, 200, 300, 50, null, null], answer.Attrition.Select(s => s.Count));
    }

    [Fact]
    public void The_authority_reads_every_count_exactly()
    {
        var answer = SsaAnswers.Publish(Pair, Counts(45, 3, 40, 2), AsOf, rule: null);

        Assert.True(answer.Exact);
        Assert.Equal([1000, 200, 300, 50, 45, 42], answer.Attrition.Select(s => s.Count));
        Assert.Equal(2L, answer.Pair!.MarkerFirst);
    }

    [Fact]
    public void Published_attrition_and_counts_leave_no_small_count_derivable()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 300; trial++)
        {
            long[] atoms = [.. Enumerable.Range(0, 7).Select(_ => (long)random.Next(0, 25))];
            var both = atoms[3] + atoms[4] + atoms[5] + atoms[6];
            var counts = new SsaCounts
            {
                People = atoms.Sum(),
                IndexDays = NullEffectRatioTests.Histogram((0, atoms[1] + both)),
                Markers = [new SsaMarkerCounts
                {
                    Code = "", Both = both, WithinWindow = atoms[4] + atoms[5] + atoms[6], Ties = atoms[4],
                    IndexFirst = atoms[5], MarkerFirst = atoms[6], MarkerDays = NullEffectRatioTests.Histogram((5, atoms[2] + both)),
                }],
            };

            var answer = SsaAnswers.Publish(Pair, counts, AsOf, new CellRule(10, null));

            // The reader's view, built here from the contract's meaning of each number.
            ImmutableArray<int>[] steps = [[0, 1, 2, 3, 4, 5, 6], [1, 3, 4, 5, 6], [2, 3, 4, 5, 6], [3, 4, 5, 6], [4, 5, 6], [5, 6]];
            var published = answer.Attrition.Select((s, i) => (s, i)).Where(x => x.s.Count is not null)
                .Select(x => new PublishedSum(x.s.Step, steps[x.i])).ToList();
            if (answer.Pair!.IndexFirst is not null) published.AddRange([new PublishedSum("nAB", [5]), new PublishedSum("nBA", [6])]);
            var named = atoms.Select((c, i) => ($"atom{i}", c)).ToArray();
            Assert.Empty(DisclosureAuditor.SmallCounts(named, published, 10));
            Assert.All(answer.Attrition, s => Assert.True(s.Count is null or 0 or >= 10));
        }
    }

    [Fact]
    public void A_screening_orders_rows_by_lower_bound_adjusts_q_over_every_code_and_leaves_small_rows_out()
    {
        var screening = Pair with { Marker = null, Screen = new MarkerScreen { Kind = Linkage.Feeds.EventKind.Receipt, Field = "code", Length = 3 } };
        SsaMarkerCounts Marker(string code, long ab, long ba) => new()
        {
            Code = code, Both = ab + ba, WithinWindow = ab + ba, IndexFirst = ab, MarkerFirst = ba,
            MarkerDays = NullEffectRatioTests.Histogram((-10, 100), (10, 100)),
        };
        var counts = new SsaCounts
        {
            People = 1000,
            IndexDays = NullEffectRatioTests.Histogram((0, 200)),
            Markers = [Marker("A01", 20, 20), Marker("B02", 60, 15), Marker("C03", 3, 30), Marker("D04", 40, 20)],
        };

        var answer = SsaAnswers.Publish(screening, counts, AsOf, new CellRule(10, null));

        Assert.Equal(["B02", "D04", "A01"], answer.Rows!.Value.Select(r => r.Code));
        Assert.Equal((1, 4), (answer.SuppressedRows, answer.Screened));
        Assert.Equal([1000, 200], answer.Attrition.Select(s => s.Count));

        // nsr 1, so p is the binomial tail at 1/2; q = BH over all four p (C03's p is near 1).
        var p = new[] { SequenceRatios.UpperTail(40, 20, 0.5), SequenceRatios.UpperTail(75, 60, 0.5), SequenceRatios.UpperTail(33, 3, 0.5), SequenceRatios.UpperTail(60, 40, 0.5) };
        var b02 = answer.Rows.Value[0];
        Assert.Equal(SsaAnswers.SignificantDigits(p[1] * 4 / 1), b02.Q);
        Assert.True(b02.Ratios.Signal);
        Assert.False(answer.Rows.Value[2].Ratios.Signal);
    }
}

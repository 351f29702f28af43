using System.Text.Json;
using Linkage.Disclosure;
using Linkage.Safety;

namespace Linkage.Tests.Safety;

/// <summary>A single pair's sequences by days from index to marker: counted, binned, and published under disclosure control.</summary>
public sealed class SequenceDaysTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static readonly SsaRequest Pair = new()
    {
        Index = new() { Kind = Linkage.Feeds.EventKind.Medication, Code = "2149" },
        Marker = new() { Kind = Linkage.Feeds.EventKind.Receipt, Code = "K29" },
        MinCell = 10,
    };

    [Fact]
    public void The_tally_counts_the_days_of_sequences_within_the_window_only_when_asked()
    {
        var tally = new SsaTally(window: 30, runIn: 0, period: null, gaps: true);
        tally.AddMarker("", 30, 20);  // +10
        tally.AddMarker("", 40, 50);  // -10
        tally.AddMarker("", 45, 35);  // +10
        tally.AddMarker("", 15, 15);  // same day: not a sequence
        tally.AddMarker("", 20, 100); // -80: outside the window
        var gaps = Assert.Single(tally.ToCounts().Markers).Gaps!;

        Assert.Equal([-10, 10], gaps.Days.ToArray());
        Assert.Equal([1L, 2L], gaps.Counts.ToArray());
        var plain = new SsaTally(30, 0, null);
        plain.AddMarker("", 30, 20);
        Assert.Null(Assert.Single(plain.ToCounts().Markers).Gaps);
    }

    [Fact]
    public void Bins_split_the_window_into_at_most_thirty_a_side_mirrored_around_the_index_day()
    {
        var gaps = NullEffectRatioTests.Histogram((-3, 2), (1, 4), (2, 1), (60, 5));

        var bins = SequenceBins.Of(gaps, 60);

        Assert.Equal(60, bins.Count);
        Assert.Equal(new SequenceBin(-60, -59, 0), bins[0]);
        Assert.Equal(new SequenceBin(-4, -3, 2), bins[28]);
        Assert.Equal(new SequenceBin(-2, -1, 0), bins[29]);
        Assert.Equal(new SequenceBin(1, 2, 5), bins[30]);
        Assert.Equal(new SequenceBin(59, 60, 5), bins[59]);
        Assert.Equal(13, SequenceBins.Width(365));
        Assert.Equal(1, SequenceBins.Width(7));
        Assert.Equal(14, SequenceBins.Of(gaps, 7).Count);
    }

    /// <summary>
    /// 1000 people, 200 incident index, 300 incident marker, 50 both, 45 within the window (365 days: bins of 13),
    /// 3 same-day; nAB 30 = 25 at +10 and 5 at +20, nBA 12 at -10.
    /// </summary>
    private static SsaCounts Counts() => new()
    {
        People = 1000,
        IndexDays = NullEffectRatioTests.Histogram((0, 200)),
        Markers = [new SsaMarkerCounts
        {
            Code = "", Both = 50, WithinWindow = 45, Ties = 3, IndexFirst = 30, MarkerFirst = 12,
            MarkerDays = NullEffectRatioTests.Histogram((-10, 100), (10, 200)),
            Gaps = NullEffectRatioTests.Histogram((-10, 12), (10, 25), (20, 5)),
        }],
    };

    [Fact]
    public void A_researcher_sees_no_bin_from_which_a_few_people_could_be_worked_out()
    {
        var answer = SsaAnswers.Publish(Pair, Counts(), AsOf, new CellRule(10, null));
        var days = answer.SequenceDays!.Value;

        // 5 at 14..26 is small; 25 at 1..13 would give it away as nAB 30 - 25, so both are hidden.
        Assert.Equal(58, days.Length);
        Assert.Equal(new SequenceBin(-13, -1, 12), days[28]);
        Assert.Equal(new SequenceBin(1, 13, null), days[29]);
        Assert.Equal(new SequenceBin(14, 26, null), days[30]);
        Assert.All(days.Where(d => d.From is not (-13 or 1 or 14)), d => Assert.Equal(0, d.Count));
        Assert.Equal([1000, 200, 300, null, null, 42], answer.Attrition.Select(s => s.Count));
    }

    [Fact]
    public void The_authority_sees_every_bin_and_the_answer_writes_them()
    {
        var answer = SsaAnswers.Publish(Pair, Counts(), AsOf, rule: null);

        var days = JsonDocument.Parse(SsaAnswerJson.ToJson(answer)).RootElement.GetProperty("sequenceDays").EnumerateArray()
            .Select(d => (d.GetProperty("from").GetInt32(), d.GetProperty("to").GetInt32(), d.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(58, days.Count);
        Assert.Equal([(-13, -1, 12L), (1, 13, 25L), (14, 26, 5L)], days.Where(d => d.Item3 != 0));
        Assert.Equal((-365, -365, 0L), days[0]);
        Assert.Equal((352, 364, 0L), days[^2]);
    }

    [Fact]
    public void A_pair_whose_sequence_counts_are_suppressed_shows_no_bin()
    {
        var counts = Counts();
        counts = counts with { Markers = [counts.Markers[0] with { WithinWindow = 38, MarkerFirst = 5, Gaps = NullEffectRatioTests.Histogram((-10, 5), (10, 25), (20, 5)) }] };

        var answer = SsaAnswers.Publish(Pair, counts, AsOf, new CellRule(10, null));

        Assert.Null(answer.Pair!.IndexFirst);
        Assert.Equal(58, answer.SequenceDays!.Value.Length);
        Assert.All(answer.SequenceDays!.Value, d => Assert.Null(d.Count));
    }
}

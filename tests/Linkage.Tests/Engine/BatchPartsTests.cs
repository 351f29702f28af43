using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Tests.Cohorts;

namespace Linkage.Tests.Engine;

/// <summary>One pass over a feed message's batches still counts each batch apart.</summary>
public sealed class BatchPartsTests
{
    [Fact]
    public void A_group_spanning_parts_is_sliced_by_part_in_part_order_keeping_each_parts_order()
    {
        var (a, b, c, d) = (Version(), Version(), Version(), Version());
        var parts = new BatchParts(3);
        parts.Add(a, 2);
        parts.Add(b, 0);
        parts.Add(c, 2);
        parts.Add(d, 0);

        var slices = parts.Slices([a, b, c, d]);

        Assert.Equal([0, 2], slices.Select(s => s.Part));
        Assert.Equal([b, d], slices[0].Events.ToArray());
        Assert.Equal([a, c], slices[1].Events.ToArray());
    }

    [Fact]
    public void Each_part_gets_its_own_tally_and_rejections_and_dropped_versions_count_as_opted_out_in_theirs()
    {
        var (a, b, c) = (Version(), Version(), Version());
        var parts = new BatchParts(2);
        parts.Add(a, 0);
        parts.Add(b, 1);
        parts.Add(c, 1);
        parts.Reject(new FeedRejection { Line = 7, Reason = "x" }, 1);
        parts.Count(0, new IngestTally(1, 0));
        parts.Count(1, new IngestTally(0, 1));
        parts.CountDropped([a, b, c], [a, b]);

        var answers = new[] { parts.Answer(0), parts.Answer(1) };

        Assert.Equal((1, 0, 0), (answers[0].Accepted, answers[0].Duplicates, answers[0].OptedOut));
        Assert.Empty(answers[0].Rejected);
        Assert.Equal((0, 1, 1), (answers[1].Accepted, answers[1].Duplicates, answers[1].OptedOut));
        Assert.Equal(7, Assert.Single(answers[1].Rejected).Line);
    }

    [Fact]
    public void A_part_is_complete_once_all_its_lines_were_read_and_each_of_its_versions_counted()
    {
        var (a, b, c) = (Version(), Version(), Version());
        var parts = new BatchParts(3);
        parts.Add(a, 0);
        parts.Add(b, 1);
        parts.Add(c, 1);
        parts.Read(0);
        parts.Read(1);
        parts.Count(0, new IngestTally(1, 0));
        parts.Count(1, new IngestTally(1, 0));

        // Part 1 has a version not counted (its group failed); part 2 was never read (the ingest failed before it).
        Assert.Equal([true, false, false], new[] { parts.IsComplete(0), parts.IsComplete(1), parts.IsComplete(2) });
        parts.Count(1, new IngestTally(0, 1));
        parts.Read(2);
        Assert.Equal([true, true, true], new[] { parts.IsComplete(0), parts.IsComplete(1), parts.IsComplete(2) });
    }

    /// <summary>Equal versions are distinct lines: parts tell them apart by reference.</summary>
    [Fact]
    public void Two_equal_versions_from_different_parts_stay_in_their_own_parts()
    {
        var a = Version();
        var again = a with { };
        var parts = new BatchParts(2);
        parts.Add(a, 0);
        parts.Add(again, 1);

        Assert.Equal([0, 1], parts.Slices([a, again]).Select(s => s.Part));
    }

    private static FeedEvent Version() => CohortRecords.Lab("2024-04-15");
}

using Linkage.Diagnostics;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Tests.Engine;

/// <summary>A batch's versions are counted per source and kind once per batch, as counting them one by one would.</summary>
public sealed class IngestCountsTests
{
    [Fact]
    public void Groups_all_accepted_or_all_duplicates_count_per_version_and_a_mixed_group_under_what_it_shares()
    {
        var counts = new IngestCounts();
        counts.Add([Event("a", EventKind.Lab), Event("a", EventKind.Receipt)], new IngestTally(2, 0));
        counts.Add([Event("a", EventKind.Lab)], new IngestTally(0, 1));
        counts.Add([Event("b", EventKind.Lab), Event("c", EventKind.Lab), Event("b", EventKind.Lab)], new IngestTally(2, 1));

        var byKey = counts.Counts.ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(3, byKey.Count);
        Assert.Equal((1L, 1L), byKey[("a", "lab")]);
        Assert.Equal((1L, 0L), byKey[("a", "receipt")]);
        Assert.Equal((2L, 1L), byKey[(LinkageMetrics.Unknown, "lab")]);
    }

    private static FeedEvent Event(string source, EventKind kind) => new()
    {
        Source = source,
        RecordId = "r",
        Version = 1,
        Kind = kind,
        Date = new DateOnly(2024, 4, 1),
        Subject = new Subject { Mid = "mid.x", Birth = "1950-03", Sex = Sex.F },
    };
}

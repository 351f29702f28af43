using Linkage.Cohorts;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

public sealed class SummaryEventCacheTests
{
    [Fact]
    public void A_person_summarised_with_the_cache_is_the_summary_without_it_after_a_correction()
    {
        var cache = new SummaryEventCache();
        var first = Diagnosed("2024-03-01", "E11");
        var second = Lab("2024-02-01", value: 7.2);
        Assert.Equal(PersonSummaries.Of("p.a", [first, second]), PersonSummaries.Of("p.a", [first, second], cache));

        // A corrected version of the first record, with another diagnosis and date: the kept event of version 1 must not be reused.
        var corrected = Receipt("2024-04-01", [Dx("I10")], recordId: first.RecordId) with { Version = 2 };
        var cached = PersonSummaries.Of("p.a", [corrected, second], cache);
        Assert.Equal(PersonSummaries.Of("p.a", [corrected, second]), cached);
        Assert.Equal(["I10"], cached.Events[^1].Diagnoses.ToArray());
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void The_same_version_is_converted_once()
    {
        var cache = new SummaryEventCache();
        var record = Diagnosed("2024-03-01", "E11");
        Assert.Same(cache.Of(record), cache.Of(record));
        Assert.NotSame(cache.Of(record), cache.Of(record with { Version = 2 }));
    }
}

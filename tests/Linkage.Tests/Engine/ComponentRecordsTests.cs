using Linkage.Feeds;
using Linkage.People;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Engine;

public sealed class ComponentRecordsTests
{
    [Fact]
    public void Records_with_equal_subjects_keep_one_subject_and_stay_equal_to_what_was_sent()
    {
        var records = new ComponentRecords([]);
        var first = Lab("2024-01-01", subject: Subject());
        var second = Lab("2024-02-01", subject: Subject());
        Assert.NotSame(first.Subject, second.Subject);

        Assert.True(records.Apply(records.Shared(first)));
        var kept = records.Shared(second);
        Assert.True(records.Apply(kept));

        Assert.Same(records.Get(first.Key)!.Subject, records.Get(second.Key)!.Subject);
        Assert.Same(kept, records.Get(second.Key));
        Assert.Equal(second, records.Get(second.Key));
    }

    [Fact]
    public void A_subject_that_differs_is_kept_as_sent()
    {
        var records = new ComponentRecords([]);
        var first = Lab("2024-01-01", subject: Subject(pref: "13"));
        var moved = Lab("2024-02-01", subject: Subject(pref: "27"));
        records.Apply(first);
        records.Apply(moved);

        Assert.Same(moved.Subject, records.Get(moved.Key)!.Subject);
    }

    [Fact]
    public void Stored_records_read_back_share_their_subjects()
    {
        var records = new ComponentRecords([Lab("2024-01-01", subject: Subject()), Lab("2024-02-01", subject: Subject())]);
        var subjects = records.Latest.Select(r => r.Subject).Distinct(ReferenceEqualityComparer.Instance).Count();

        Assert.Equal(1, subjects);
    }

    [Fact]
    public void A_removed_record_leaves_no_subject_behind()
    {
        var records = new ComponentRecords([]);
        var removed = Lab("2024-01-01", subject: Subject());
        records.Apply(removed);
        records.Remove(removed.Key);

        // An equal subject sent later is not given the removed record's instance: nothing of it was kept.
        var later = Lab("2024-02-01", subject: Subject());
        Assert.Same(later, records.Shared(later));
    }
}

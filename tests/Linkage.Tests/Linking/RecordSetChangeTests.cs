using Linkage.Feeds;
using Linkage.Linking;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>The rules are not monotone: a new record or a retraction can join people or split them.</summary>
public sealed class RecordSetChangeTests
{
    private static readonly string Hanako = Id2("サトウハナコ");

    [Fact]
    public void A_collision_that_turns_up_later_splits_a_person_joined_before()
    {
        FeedEvent[] before =
        [
            Record("receipt", "2019-01-10", id1: Id1("1"), id2: Hanako),
            Record("death", "2024-02-01", id2: Hanako),
        ];
        var other = Record("other-receipt", "2019-01-25", id1: Id1("2"), id2: Hanako);

        var joined = LinkageRules.Partition(before);
        var split = LinkageRules.Partition([.. before, other]);

        Assert.Equal([Group("receipt", "death")], Groups(joined));
        Assert.Equal([Group("receipt"), Group("death"), Group("other-receipt")], Groups(split));
        Assert.Empty(joined.AmbiguousId2);
        Assert.Equal([Hanako], split.AmbiguousId2);
    }

    [Fact]
    public void A_token_that_turns_up_later_links_records_after_the_fact()
    {
        FeedEvent[] before =
        [
            Record("vital", "2020-01-10", mid: Mid("A")),
            Record("receipt", "2020-02-10", id1: Id1("1"), id2: Hanako),
        ];
        var lab = Record("lab", "2020-03-10", mid: Mid("A"), id2: Hanako);

        Assert.Equal([Group("vital"), Group("receipt")], Groups(LinkageRules.Partition(before)));
        Assert.Equal([Group("vital", "receipt", "lab")], Groups(LinkageRules.Partition([.. before, lab])));
    }

    [Fact]
    public void Retracting_the_only_bridging_record_splits_the_person()
    {
        // The lab is strongly linked to the vital (mid) and carries the id2 the receipt holds: it is the bridge.
        var vital = Record("vital", "2020-01-10", mid: Mid("A"));
        var receipt = Record("receipt", "2020-02-10", id1: Id1("1"), id2: Hanako);
        var bridge = Record("lab", "2020-03-10", mid: Mid("A"), id2: Hanako);

        var with = LinkageRules.Partition([vital, receipt, bridge]);
        var without = LinkageRules.Partition([vital, receipt]);

        Assert.Single(with.People);
        Assert.Equal([Group("vital"), Group("receipt")], Groups(without));
    }

    [Fact]
    public void Retracting_one_of_two_colliding_records_lets_the_id2_join_again()
    {
        var a = Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako);
        var death = Record("death", "2024-03-05", id2: Hanako);
        var b = Record("b", "2020-03-28", id1: Id1("2"), id2: Hanako);

        Assert.Equal(3, LinkageRules.Partition([a, death, b]).People.Count);
        Assert.Equal([Group("a", "death")], Groups(LinkageRules.Partition([a, death])));
    }

    [Fact]
    public void A_mid_month_insurer_change_without_a_mid_leaves_the_two_enrolments_apart()
    {
        // The contract literally: old and new id1 records in the same month are two clusters that each hold an
        // id1 record in that month, so they conflict and their shared id2 is ambiguous, even though it is one
        // woman who changed insurer on the 15th. The rules trade this recall for never merging two people
        // insured at the same time.
        var partition = LinkageRules.Partition([
            Record("old-feb", "2021-02-10", id1: Id1("old"), id2: Hanako),
            Record("old-mar", "2021-03-03", id1: Id1("old"), id2: Hanako),
            Record("new-mar", "2021-03-20", id1: Id1("new"), id2: Hanako),
            Record("new-apr", "2021-04-12", id1: Id1("new"), id2: Hanako),
        ]);

        Assert.Equal([Group("old-feb", "old-mar"), Group("new-mar", "new-apr")], Groups(partition));
        Assert.Equal([Hanako], partition.AmbiguousId2);
    }

    [Fact]
    public void A_mid_month_insurer_change_of_someone_with_a_mid_stays_one_person()
    {
        var partition = LinkageRules.Partition([
            Record("old-mar", "2021-03-03", mid: Mid("A"), id1: Id1("old"), id2: Hanako),
            Record("new-mar", "2021-03-20", mid: Mid("A"), id1: Id1("new"), id2: Hanako),
        ]);

        Assert.Equal([Group("old-mar", "new-mar")], Groups(partition));
        Assert.Empty(partition.AmbiguousId2);
    }

    [Fact]
    public void A_month_boundary_insurer_change_without_a_mid_is_joined_by_the_id2()
    {
        var partition = LinkageRules.Partition([
            Record("old-mar", "2021-03-31", id1: Id1("old"), id2: Hanako),
            Record("new-apr", "2021-04-01", id1: Id1("new"), id2: Hanako),
        ]);

        Assert.Equal([Group("old-mar", "new-apr")], Groups(partition));
    }
}

using Linkage.Linking;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>Step 1 of the linkage rules: strong links through mid and id1.</summary>
public sealed class StrongLinkTests
{
    [Fact]
    public void Records_sharing_a_mid_are_one_person()
    {
        var partition = LinkageRules.Partition([
            Record("r1", "2020-01-10", mid: Mid("A")),
            Record("r2", "2023-07-01", mid: Mid("A")),
            Record("r3", "2021-03-03", mid: Mid("B")),
        ]);

        Assert.Equal([Group("r1", "r2"), Group("r3")], Groups(partition));
    }

    [Fact]
    public void Records_sharing_an_id1_are_one_person()
    {
        var partition = LinkageRules.Partition([
            Record("r1", "2020-01-10", id1: Id1("1")),
            Record("r2", "2020-01-20", id1: Id1("1")),
            Record("r3", "2020-01-20", id1: Id1("2")),
        ]);

        Assert.Equal([Group("r1", "r2"), Group("r3")], Groups(partition));
    }

    [Fact]
    public void Strong_links_chain_through_mid_and_id1()
    {
        var partition = LinkageRules.Partition([
            Record("r1", "2020-01-10", mid: Mid("A")),
            Record("r2", "2020-02-10", mid: Mid("A"), id1: Id1("1")),
            Record("r3", "2020-03-10", id1: Id1("1")),
            Record("r4", "2020-04-10", id1: Id1("1"), mid: Mid("B")),
        ]);

        Assert.Equal([Group("r1", "r2", "r3", "r4")], Groups(partition));
    }

    [Fact]
    public void Records_with_only_different_id2_tokens_stay_apart()
    {
        var partition = LinkageRules.Partition([
            Record("r1", "2020-01-10", id2: Id2("サトウハナコ")),
            Record("r2", "2020-01-10", id2: Id2("スズキハナコ")),
        ]);

        Assert.Equal([Group("r1"), Group("r2")], Groups(partition));
    }

    [Fact]
    public void No_records_give_no_people()
    {
        var partition = LinkageRules.Partition([]);

        Assert.Empty(partition.People);
        Assert.Empty(partition.AmbiguousId2);
        Assert.Null(partition.PersonOf(Key("r1")));
        Assert.Empty(partition.PeopleHolding(Mid("A")));
    }

    [Fact]
    public void The_same_record_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LinkageRules.Partition([
            Record("r1", "2020-01-10", mid: Mid("A")),
            Record("r1", "2020-01-11", mid: Mid("B")),
        ]));

        Assert.Contains("test-feed/r1", error.Message);
    }
}

using Linkage.Linking;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>Steps 2 to 4: conflicts between strong clusters, ambiguous id2 tokens, and joining by the others.</summary>
public sealed class Id2JoinAndAmbiguityTests
{
    private static readonly string Hanako = Id2("サトウハナコ");
    private static readonly string HanakoMarried = Id2("スズキハナコ");

    [Fact]
    public void A_record_with_only_id2_joins_the_cluster_holding_that_id2()
    {
        var partition = LinkageRules.Partition([
            Record("receipt", "2020-01-10", id1: Id1("1"), id2: Hanako),
            Record("death", "2021-06-01", id2: Hanako),
        ]);

        Assert.Equal([Group("receipt", "death")], Groups(partition));
        Assert.Empty(partition.AmbiguousId2);
    }

    [Fact]
    public void A_shared_id2_joins_two_strong_clusters_across_an_insurer_change_at_a_month_boundary()
    {
        var partition = LinkageRules.Partition([
            Record("old", "2020-03-31", id1: Id1("1"), id2: Hanako),
            Record("new", "2020-04-01", id1: Id1("2"), id2: Hanako),
            Record("lab", "2020-05-01", mid: Mid("A"), id2: Hanako),
        ]);

        Assert.Equal([Group("old", "new", "lab")], Groups(partition));
    }

    [Fact]
    public void An_id2_held_by_two_clusters_with_different_mids_is_ambiguous_and_joins_nobody()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-01-10", mid: Mid("A"), id2: Hanako),
            Record("b", "2022-01-10", mid: Mid("B"), id2: Hanako),
            Record("death", "2023-01-10", id2: Hanako),
        ]);

        Assert.Equal([Group("a"), Group("b"), Group("death")], Groups(partition));
        Assert.Equal([Hanako], partition.AmbiguousId2);
        Assert.Equal(3, partition.PeopleHolding(Hanako).Count);
    }

    [Fact]
    public void An_id2_held_by_two_clusters_with_id1_records_in_the_same_month_is_ambiguous()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-28", id1: Id1("2"), id2: Hanako),
        ]);

        Assert.Equal([Group("a"), Group("b")], Groups(partition));
        Assert.Contains(Hanako, partition.AmbiguousId2);
    }

    [Fact]
    public void Id1_records_in_the_same_month_of_different_years_do_not_conflict()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2021-03-05", id1: Id1("2"), id2: Hanako),
        ]);

        Assert.Equal([Group("a", "b")], Groups(partition));
    }

    [Fact]
    public void Only_records_carrying_an_id1_count_for_the_same_month_conflict()
    {
        // "b" is in the same month but carries no id1, and only one side holds a mid: no conflict.
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-20", mid: Mid("A"), id2: Hanako),
        ]);

        Assert.Equal([Group("a", "b")], Groups(partition));
        Assert.Empty(partition.AmbiguousId2);
    }

    [Fact]
    public void A_conflict_counts_months_of_every_id1_record_of_the_cluster_not_only_those_holding_the_id2()
    {
        var partition = LinkageRules.Partition([
            Record("a1", "2020-03-01", id1: Id1("1")),
            Record("a2", "2021-01-01", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-15", id1: Id1("2"), id2: Hanako),
        ]);

        Assert.Equal([Group("a1", "a2"), Group("b")], Groups(partition));
        Assert.Contains(Hanako, partition.AmbiguousId2);
    }

    [Fact]
    public void A_conflict_between_two_of_three_holders_makes_the_id2_join_none_of_them()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-28", id1: Id1("2"), id2: Hanako),
            Record("c", "2024-01-10", id1: Id1("3"), id2: Hanako),
        ]);

        Assert.Equal([Group("a"), Group("b"), Group("c")], Groups(partition));
    }

    [Fact]
    public void An_ambiguous_id2_does_not_join_while_another_unambiguous_id2_still_joins()
    {
        // Woman A married (maiden name, then married name, same enrolment); woman B shares A's maiden name and
        // birth and was insured in the same month, so the maiden-name id2 is ambiguous. A's lab after the
        // marriage carries only her mid and married-name id2, which A alone shares: it still joins A.
        var partition = LinkageRules.Partition([
            Record("a-maiden", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("a-married", "2020-09-05", id1: Id1("1"), id2: HanakoMarried),
            Record("b", "2020-03-20", id1: Id1("2"), id2: Hanako),
            Record("a-lab", "2021-02-01", mid: Mid("A"), id2: HanakoMarried),
        ]);

        Assert.Equal([Group("a-maiden", "a-married", "a-lab"), Group("b")], Groups(partition));
        Assert.Equal([Hanako], partition.AmbiguousId2);
        Assert.Same(partition.PersonOf(Key("a-maiden")), partition.PersonOf(Key("a-lab")));
    }

    [Fact]
    public void A_person_holds_every_token_of_its_records_including_ambiguous_id2()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-28", id1: Id1("2"), id2: Hanako),
        ]);

        var a = partition.PersonOf(Key("a"))!;
        var b = partition.PersonOf(Key("b"))!;
        Assert.Equal(new[] { Id1("1"), Hanako }.Order(StringComparer.Ordinal), a.Tokens);
        Assert.Equal(new[] { a, b }.OrderBy(p => p.Id, StringComparer.Ordinal), partition.PeopleHolding(Hanako));
        Assert.Equal([a], partition.PeopleHolding(Id1("1")));
    }
}

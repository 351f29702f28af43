using Linkage.Feeds;
using Linkage.Linking;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>Person ids: a pure function of the partition, unique, stable while the person does not change.</summary>
public sealed class PersonIdTests
{
    private static readonly string Hanako = Id2("サトウハナコ");

    [Fact]
    public void A_person_is_named_after_its_smallest_mid_id1_or_unambiguous_id2()
    {
        string[] anchors = [Mid("A"), Id1("1"), Id1("2"), Hanako];
        var partition = LinkageRules.Partition([
            Record("r1", "2020-01-10", mid: Mid("A"), id1: Id1("1")),
            Record("r2", "2020-02-10", id1: Id1("2"), id2: Hanako),
            Record("r3", "2020-03-10", mid: Mid("A"), id2: Hanako),
        ]);

        var person = Assert.Single(partition.People);
        Assert.Equal("p." + anchors.Min(StringComparer.Ordinal), person.Id);
    }

    [Fact]
    public void An_ambiguous_id2_is_not_an_anchor()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-03-05", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-03-28", id1: Id1("2"), id2: Hanako),
        ]);

        Assert.Equal("p." + Id1("1"), partition.PersonOf(Key("a"))!.Id);
        Assert.Equal("p." + Id1("2"), partition.PersonOf(Key("b"))!.Id);
    }

    [Fact]
    public void A_person_with_only_ambiguous_id2_is_named_after_its_smallest_record()
    {
        var partition = LinkageRules.Partition([
            Record("a", "2020-01-10", mid: Mid("A"), id2: Hanako),
            Record("b", "2020-01-10", mid: Mid("B"), id2: Hanako),
            Record("death-2", "2023-01-10", id2: Hanako, source: "vital-statistics"),
            Record("death-1", "2023-01-10", id2: Hanako, source: "vital-statistics"),
        ]);

        // Each death certificate is its own cluster and holds only the ambiguous id2.
        Assert.Equal("p.rec:vital-statistics/death-1", partition.PersonOf(Key("death-1", "vital-statistics"))!.Id);
        Assert.Equal("p.rec:vital-statistics/death-2", partition.PersonOf(Key("death-2", "vital-statistics"))!.Id);
    }

    [Fact]
    public void People_are_sorted_by_id_and_ids_are_unique()
    {
        var records = RandomRecordSets.Make(seed: 7, count: 300);
        var partition = LinkageRules.Partition(records);

        var ids = partition.People.Select(p => p.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(ids, id => id.StartsWith("p.rec:", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_stay_the_same_when_an_unrelated_record_arrives()
    {
        var records = RandomRecordSets.Make(seed: 11, count: 200);
        var before = LinkageRules.Partition(records);
        var after = LinkageRules.Partition([.. records, Record("stranger", "2020-01-01", mid: Mid("stranger"))]);

        Assert.Equal(before.People, after.People.Where(p => p.Records[0].RecordId != "stranger"));
    }

    [Fact]
    public void Every_record_and_token_points_to_the_person_holding_it()
    {
        var records = RandomRecordSets.Make(seed: 13, count: 200);
        var partition = LinkageRules.Partition(records);

        foreach (var person in partition.People)
        {
            foreach (var record in person.Records) Assert.Same(person, partition.PersonOf(record));
            foreach (var token in person.Tokens) Assert.Contains(person, partition.PeopleHolding(token));
        }

        foreach (var record in records)
        {
            foreach (var token in record.Subject.Tokens())
            {
                // An ambiguous id2 may end up with one person or several; every other token with exactly one.
                var holders = partition.PeopleHolding(token);
                if (partition.AmbiguousId2.Contains(token)) Assert.NotEmpty(holders);
                else Assert.Single(holders);
            }
        }
    }
}

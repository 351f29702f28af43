using Linkage.Feeds;
using Linkage.Linking;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>The partition is a function of the set of records: the contract's literal reading, in any order.</summary>
public sealed class OrderIndependenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_result_does_not_depend_on_the_order_of_the_records(int seed)
    {
        var records = RandomRecordSets.Make(seed, count: 150);
        var expected = LinkageRules.Partition(records);
        var random = new Random(seed);

        for (var round = 0; round < 50; round++)
        {
            var shuffled = records.ToArray();
            random.Shuffle(shuffled);
            var partition = LinkageRules.Partition(shuffled);

            Assert.Equal(expected.People, partition.People);
            Assert.Equal(expected.AmbiguousId2.Order(StringComparer.Ordinal), partition.AmbiguousId2.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(20, 40)]
    [InlineData(30, 80)]
    [InlineData(40, 120)]
    [InlineData(50, 160)]
    public void The_result_is_what_a_literal_pairwise_reading_of_the_contract_gives(int seed, int count)
    {
        var records = RandomRecordSets.Make(seed, count);

        var partition = LinkageRules.Partition(records);
        var (groups, ambiguous) = ContractTranscription.Partition(records);

        Assert.Equal(groups, Groups(partition));
        Assert.Equal(ambiguous.Order(StringComparer.Ordinal), partition.AmbiguousId2.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(20, 40)]
    [InlineData(30, 80)]
    [InlineData(40, 120)]
    [InlineData(50, 160)]
    public void Random_record_sets_hold_id1_records_of_the_same_month_in_other_years(int seed, int count)
    {
        // Guards the tests above against record sets in which a rule that read only the month, not the year, would pass.
        var records = RandomRecordSets.Make(seed, count);
        var id1Months = records.Where(r => r.Subject.Id1 is not null).GroupBy(r => r.Date.Month).ToList();

        Assert.Contains(id1Months, g => g.Select(r => r.Date.Year).Distinct().Count() > 1);
        Assert.Contains(records.Select(r => r.Date.Year).Distinct(), y => y != RandomRecordSets.FirstYear);
    }

    [Fact]
    public void Random_record_sets_tell_a_month_in_one_year_from_the_same_month_in_another()
    {
        // Moving every date into one year turns same-month records of different years into conflicts: if the
        // partitions never changed, the oracle tests could not tell the year from the month.
        var changed = new[] { (10, 20), (20, 40), (30, 80), (40, 120), (50, 160) }.Count(c =>
        {
            var records = RandomRecordSets.Make(c.Item1, c.Item2);
            var oneYear = records.Select(r => r with { Date = new DateOnly(RandomRecordSets.FirstYear, r.Date.Month, r.Date.Day) }).ToArray();
            return !Groups(LinkageRules.Partition(records)).SetEquals(Groups(LinkageRules.Partition(oneYear)));
        });

        Assert.True(changed >= 2, $"expected the year to decide some partitions, it decided {changed} of 5");
    }

    [Fact]
    public void Random_record_sets_exercise_joins_and_ambiguity()
    {
        // Guards the two tests above against record sets too dull to tell right from wrong.
        var records = RandomRecordSets.Make(seed: 30, count: 80);
        var partition = LinkageRules.Partition(records);

        Assert.NotEmpty(partition.AmbiguousId2);
        Assert.Contains(partition.People, p => p.Records.Length > 1);
        Assert.True(partition.People.Count > 5);
    }
}

using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>Small-cell suppression of published counts.</summary>
public sealed class SuppressionTests
{
    private static CohortAnswer Publish(string fields, long total, params (string Sex, long Count)[] groups)
    {
        var definition = CohortRecords.Definition("{\"entry\":{\"kind\":\"lab\"}" + fields + "}");
        var tally = new CohortTally
        {
            Total = total,
            Groups = [.. groups.Select(g => new GroupCount { Key = g.Sex.Length == 0 ? [] : [g.Sex], Count = g.Count })],
            Survival = [],
        };
        return CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor);
    }

    [Fact]
    public void Counts_from_1_to_min_cell_minus_1_are_null_and_counted_as_suppressed()
    {
        var answer = Publish(",\"groupBy\":[\"sex\"]", 31, ("F", 1), ("M", 9), ("U", 21));

        Assert.Equal([null, null, 21L], answer.Groups.Select(g => g.Count));
        Assert.Equal(2, answer.Suppressed);
        Assert.Equal(31, answer.Total);
    }

    [Fact]
    public void A_count_of_min_cell_is_published()
    {
        var answer = Publish(",\"groupBy\":[\"sex\"]", 10, ("F", 10));

        Assert.Equal([10L], answer.Groups.Select(g => g.Count));
        Assert.Equal(0, answer.Suppressed);
    }

    [Fact]
    public void Groups_with_no_one_are_left_out()
    {
        var answer = Publish(",\"groupBy\":[\"sex\"]", 12, ("F", 0), ("M", 12));

        Assert.Equal(["M"], answer.Groups.Select(g => g.Key[0]));
        Assert.Equal(0, answer.Suppressed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void A_total_below_min_cell_is_null(long total)
    {
        Assert.Null(Publish("", total, ("", total)).Total);
    }

    [Fact]
    public void Without_group_by_the_one_group_has_an_empty_key()
    {
        var answer = Publish("", 12, ("", 12));

        var group = Assert.Single(answer.Groups);
        Assert.Empty(group.Key);
        Assert.Equal(12, group.Count);
    }

    [Fact]
    public void A_higher_min_cell_suppresses_more()
    {
        var answer = Publish(",\"groupBy\":[\"sex\"],\"minCell\":25", 44, ("F", 24), ("M", 20));

        Assert.Equal(25, answer.MinCell);
        Assert.Equal([null, null], answer.Groups.Select(g => g.Count));
        Assert.Equal(44, answer.Total);
    }

    [Fact]
    public void A_definition_made_with_a_min_cell_below_the_floor_is_published_at_the_floor()
    {
        var definition = CohortRecords.Definition("""{"entry":{"kind":"lab"},"groupBy":["sex"]}""") with { MinCell = 2 };
        var tally = new CohortTally { Total = 5, Groups = [new GroupCount { Key = ["F"], Count = 5 }], Survival = [] };

        var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, minCellFloor: 10);

        Assert.Equal(10, answer.MinCell);
        Assert.Null(answer.Total);
        Assert.Null(answer.Groups[0].Count);
    }

    [Fact]
    public void As_of_is_kept_as_a_utc_instant()
    {
        var at = DateTimeOffset.Parse("2026-11-24T12:12:09.5+09:00");

        var published = CohortAnswers.Publish(
            CohortRecords.Definition("""{"entry":{"kind":"lab"}}"""), CohortTally.Empty, at, CohortRecords.Floor);

        Assert.Equal(at, published.AsOf);
        Assert.Equal(TimeSpan.Zero, published.AsOf.Offset);
    }
}

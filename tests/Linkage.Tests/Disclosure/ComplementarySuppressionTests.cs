using Linkage.Cohorts;
using Linkage.Tests.Cohorts;

namespace Linkage.Tests.Disclosure;

/// <summary>Complementary suppression by hand-computed examples: which cells go with a small one, and why.</summary>
public sealed class ComplementarySuppressionTests
{
    private static GroupCount Group(long count, params string[] key) => new() { Key = [.. key], Count = count };

    private static CohortAnswer Publish(string json, CohortTally tally) =>
        CohortAnswers.Publish(CohortRecords.Definition(json), tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor);

    [Fact]
    public void A_lone_small_group_takes_the_smallest_published_group_with_it()
    {
        var tally = new CohortTally { Total = 118, Groups = [Group(6, "F"), Group(70, "M"), Group(42, "U")], Survival = [] };

        var answer = Publish("""{"entry":{"kind":"lab"},"groupBy":["sex"]}""", tally);

        Assert.Equal([null, 70L, null], answer.Groups.Select(g => g.Count));
        Assert.Equal([false, false, true], answer.Groups.Select(g => g.Complementary));
        Assert.Equal(2, answer.Suppressed);
        Assert.Equal(118, answer.Total);
    }

    [Fact]
    public void Small_groups_that_add_up_to_min_cell_need_no_complement()
    {
        var tally = new CohortTally { Total = 80, Groups = [Group(6, "F"), Group(70, "M"), Group(4, "U")], Survival = [] };

        var answer = Publish("""{"entry":{"kind":"lab"},"groupBy":["sex"]}""", tally);

        Assert.Equal([null, 70L, null], answer.Groups.Select(g => g.Count));
        Assert.All(answer.Groups, g => Assert.False(g.Complementary));
    }

    [Fact]
    public void Ties_are_broken_by_key_so_the_same_tally_always_gets_the_same_answer()
    {
        var tally = new CohortTally { Total = 65, Groups = [Group(5, "F"), Group(30, "M"), Group(30, "U")], Survival = [] };

        var first = Publish("""{"entry":{"kind":"lab"},"groupBy":["sex"]}""", tally);
        var again = Publish("""{"entry":{"kind":"lab"},"groupBy":["sex"]}""", tally with { Groups = [.. tally.Groups.Reverse()] });

        Assert.Equal([null, null, 30L], first.Groups.Select(g => g.Count));
        Assert.Equal(first, again);
    }

    [Fact]
    public void With_nothing_else_to_suppress_the_total_goes()
    {
        // F (5 people) is small; M's table publishes its 40, so no group can hide F: the total would be 45 = 5 + 40.
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["sex"],"survival":{"step":30}}""";
        var tally = new CohortTally
        {
            Total = 45,
            Groups = [Group(5, "F"), Group(40, "M")],
            Survival =
            [
                new SurvivalCounts { Key = ["F"], Events = [0], Censored = [5] },
                new SurvivalCounts { Key = ["M"], Events = [20], Censored = [20] },
            ],
        };

        var answer = Publish(json, tally);

        Assert.Equal([null, 40L], answer.Groups.Select(g => g.Count));
        Assert.Null(answer.Total);
        Assert.True(answer.TotalComplementary);
        Assert.Equal(40, Assert.Single(answer.Survival!.Value).Intervals[0].AtRisk);
    }

    [Fact]
    public void With_a_life_table_the_yes_and_no_of_its_group_are_published_or_suppressed_together()
    {
        // F: 35 people, 5 die in days 0-29 and 30 are censored on days 30-59: the table shows 35 at risk and 0 events in
        // 0-29 would then give yes = 5 if no were published. M: 60 people, 20 die, 40 censored.
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["sex","outcome"],"survival":{"step":30}}""";
        var tally = new CohortTally
        {
            Total = 95,
            Groups = [Group(30, "F", "no"), Group(5, "F", "yes"), Group(40, "M", "no"), Group(20, "M", "yes")],
            Survival =
            [
                new SurvivalCounts { Key = ["F"], Events = [0, 5], Censored = [15, 15] },
                new SurvivalCounts { Key = ["M"], Events = [20, 0], Censored = [20, 20] },
            ],
        };

        var answer = Publish(json, tally);

        Assert.Equal([null, null, 40L, 20L], answer.Groups.Select(g => g.Count));
        Assert.Equal([true, false, false, false], answer.Groups.Select(g => g.Complementary));
        Assert.Equal(95, answer.Total);
        var female = answer.Survival!.Value.Single(t => t.Key[0] == "F");
        Assert.Equal(35, female.Intervals[0].AtRisk);
        Assert.Empty(CohortAnswerAudit.SmallCounts(CohortRecords.Definition(json), tally, answer));
    }

    [Fact]
    public void Rows_are_dropped_until_the_events_after_the_table_are_not_a_few()
    {
        // 40 people; 10 die in days 0-29, 3 in 30-59 (joined, never reaching 10), 27 censored in 30-59 ... the table
        // would stop after 0-29 with yes = 13 published: 3 deaths after it. So it shows nothing, and yes = 13 stays.
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["outcome"],"survival":{"step":30}}""";
        var tally = new CohortTally
        {
            Total = 40,
            Groups = [Group(27, "no"), Group(13, "yes")],
            Survival = [new SurvivalCounts { Key = [], Events = [10, 3], Censored = [0, 27] }],
        };

        var answer = Publish(json, tally);

        Assert.Equal([27L, 13L], answer.Groups.Select(g => g.Count));
        Assert.Empty(Assert.Single(answer.Survival!.Value).Intervals);
    }
}

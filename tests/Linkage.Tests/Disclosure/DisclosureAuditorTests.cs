using Linkage.Cohorts;
using Linkage.Disclosure;
using Linkage.Tests.Cohorts;

namespace Linkage.Tests.Disclosure;

/// <summary>The auditor finds, by hand-checked examples, the small counts a reader works out by adding and subtracting.</summary>
public sealed class DisclosureAuditorTests
{
    private static IReadOnlyList<DerivedCount> Audit(string definitionJson, CohortTally tally, CohortAnswer answer) =>
        CohortAnswerAudit.SmallCounts(CohortRecords.Definition(definitionJson), tally, answer);

    private static GroupCount Group(long count, params string[] key) => new() { Key = [.. key], Count = count };

    private static CohortAnswer Answer(long? total, params (string[] Key, long? Count)[] groups) => new()
    {
        AsOf = DateTimeOffset.UnixEpoch,
        MinCell = 10,
        Total = total,
        GroupBy = [],
        Groups = [.. groups.Select(g => new CohortGroup { Key = [.. g.Key], Count = g.Count })],
        Suppressed = groups.Count(g => g.Count is null),
    };

    [Fact]
    public void The_old_answer_that_published_the_total_and_every_group_but_one_gives_the_hidden_group_away()
    {
        // The example, published as Publish did before complementary suppression: total 1234, no 1228, yes hidden.
        const string definition = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["outcome"]}""";
        var tally = new CohortTally { Total = 1234, Groups = [Group(1228, "no"), Group(6, "yes")], Survival = [] };
        var old = Answer(1234, (["no"], 1228), (["yes"], null));

        var found = Audit(definition, tally, old);

        var leak = Assert.Single(found);
        Assert.Equal(6, leak.Count);
        Assert.Equal("group yes", leak.People);
    }

    [Fact]
    public void The_same_tally_published_today_gives_nothing_away()
    {
        const string definition = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["outcome"]}""";
        var tally = new CohortTally { Total = 1234, Groups = [Group(1228, "no"), Group(6, "yes")], Survival = [] };

        var answer = CohortAnswers.Publish(CohortRecords.Definition(definition), tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor);

        Assert.Empty(Audit(definition, tally, answer));
    }

    [Fact]
    public void Two_hidden_groups_that_add_up_to_a_few_are_found_as_their_sum()
    {
        const string definition = """{"entry":{"kind":"lab"},"groupBy":["sex"]}""";
        var tally = new CohortTally { Total = 47, Groups = [Group(3, "F"), Group(40, "M"), Group(4, "U")], Survival = [] };

        var found = Audit(definition, tally, Answer(47, (["F"], null), (["M"], 40), (["U"], null)));

        var leak = Assert.Single(found);
        Assert.Equal(7, leak.Count);
        Assert.Equal("group F + group U", leak.People);
    }

    [Fact]
    public void A_published_count_below_min_cell_is_found()
    {
        const string definition = """{"entry":{"kind":"lab"},"groupBy":["sex"]}""";
        var tally = new CohortTally { Total = 45, Groups = [Group(5, "F"), Group(40, "M")], Survival = [] };

        var found = Audit(definition, tally, Answer(null, (["F"], 5), (["M"], 40)));

        Assert.Equal(5, Assert.Single(found).Count);
    }

    [Fact]
    public void A_life_table_s_first_at_risk_minus_the_published_group_of_the_same_key_gives_the_other_away()
    {
        // 30 people: 12 censored on days 0-29, then 4 die and 14 are censored on days 30-59. The old answer showed the
        // first interval (30 at risk, 0 events, 12 censored) and no = 26, hiding yes: 30 - 26 = 4.
        const string definition = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"groupBy":["outcome"],"survival":{"step":30}}""";
        var tally = new CohortTally
        {
            Total = 30,
            Groups = [Group(26, "no"), Group(4, "yes")],
            Survival = [new SurvivalCounts { Key = [], Events = [0, 4], Censored = [12, 14] }],
        };
        var old = Answer(30, (["no"], 26), (["yes"], null)) with
        {
            GroupBy = [GroupKey.Outcome],
            Survival = [new SurvivalTable { Key = [], Intervals = [new SurvivalInterval { From = 0, To = 29, AtRisk = 30, Events = 0, Censored = 12, Survival = 1 }] }],
        };

        var found = Audit(definition, tally, old);

        Assert.Equal([4L], found.Select(d => d.Count));
    }

    [Fact]
    public void The_people_still_followed_after_the_last_interval_are_found()
    {
        // At risk 24: 10 events and 5 censored shown (5 is itself small), 9 still followed.
        const string definition = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"survival":{"step":30}}""";
        var tally = new CohortTally
        {
            Total = 24,
            Groups = [Group(24)],
            Survival = [new SurvivalCounts { Key = [], Events = [10, 0, 1], Censored = [5, 6, 2] }],
        };
        var old = Answer(24, ([], 24)) with
        {
            Survival = [new SurvivalTable { Key = [], Intervals = [new SurvivalInterval { From = 0, To = 29, AtRisk = 24, Events = 10, Censored = 5, Survival = 0.5349 }] }],
        };

        var found = Audit(definition, tally, old);

        Assert.Equal([5L, 9L], found.Select(d => d.Count).Order());
    }
}

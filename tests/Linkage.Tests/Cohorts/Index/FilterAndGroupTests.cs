using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Age at entry, sex and prefecture filters, and the groups of a tally: their values, order and totals.</summary>
public sealed class FilterAndGroupTests
{
    private static readonly CohortCriterion AnyReceipt = new() { Kind = EventKind.Receipt };

    [Theory]
    [InlineData("2020-02-29", "60-69")]
    [InlineData("2020-03-01", "70-79")]
    public void Age_at_entry_counts_whole_years_from_the_first_day_of_the_birth_month(string entry, string band)
    {
        var index = IndexOf(Person([Diagnosis(entry, "E11")], birth: "1950-03"));
        Assert.Equal([band + "=1"], index.Count(Entering(AnyReceipt, GroupKey.Age10)).Cells());
        var seventy = band == "70-79" ? 1 : 0;
        Assert.Equal(seventy, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Min = 70 } }));
        Assert.Equal(1 - seventy, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Max = 69 } }));
        Assert.Equal(seventy, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Min = 70, Max = 70 } }));
    }

    [Fact]
    public void An_entry_before_the_birth_month_is_a_negative_age_in_the_youngest_band()
    {
        var index = IndexOf(Person([Diagnosis("2021-01-15", "E11")], birth: "2021-05"), Person([Diagnosis("2021-01-15", "E11")], birth: "1921-01"));
        Assert.Equal(["0-9=1", "90+=1"], index.Count(Entering(AnyReceipt, GroupKey.Age10)).Cells());
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Min = 0 } }));
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Max = -1 } }));
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Age = new AgeRange { Min = 100, Max = 100 } }));
    }

    [Fact]
    public void Sex_and_prefecture_filter_on_the_summary_and_no_prefecture_fails_a_prefecture_filter()
    {
        var index = IndexOf(
            Person([Diagnosis("2021-01-01", "E11")], sex: Sex.F, pref: "13"),
            Person([Diagnosis("2021-01-01", "E11")], sex: Sex.M, pref: "14"),
            Person([Diagnosis("2021-01-01", "E11")], sex: Sex.U, pref: null));

        Assert.Equal(3, index.Total(new CohortDefinition { Entry = AnyReceipt }));
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Sex = Sex.M }));
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Sex = Sex.U }));
        Assert.Equal(2, index.Total(new CohortDefinition { Entry = AnyReceipt, Pref = ["13", "14"] }));
        Assert.Equal(1, index.Total(new CohortDefinition { Entry = AnyReceipt, Pref = ["14", "47"] }));
        Assert.Equal(0, index.Total(new CohortDefinition { Entry = AnyReceipt, Pref = ["unknown", "99"] }));
        Assert.Equal(0, index.Total(new CohortDefinition { Entry = AnyReceipt, Sex = Sex.F, Pref = ["14"] }));
    }

    [Fact]
    public void Groups_hold_the_values_in_groupBy_order_sorted_ordinally_without_empty_groups()
    {
        var index = IndexOf(
            Person([Diagnosis("2021-03-01", "E11")], birth: "1955-01", sex: Sex.F, pref: "13"),
            Person([Diagnosis("2021-03-01", "E11")], birth: "1956-01", sex: Sex.F, pref: "13"),
            Person([Diagnosis("2022-03-01", "E11"), Death("2022-04-01", "I21")], birth: "1935-01", sex: Sex.M, pref: null),
            Person([Diagnosis("2023-03-01", "E11")], birth: "2015-07", sex: Sex.U, pref: "01"));
        var definition = new CohortDefinition
        {
            Entry = AnyReceipt,
            Outcome = new() { Kind = EventKind.Death, From = 0, To = 365 },
            GroupBy = [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref, GroupKey.EntryYear, GroupKey.Outcome],
        };

        var tally = index.Count(definition);

        Assert.Equal(4, tally.Total);
        Assert.Equal(["F|60-69|13|2021|no=2", "M|80-89|unknown|2022|yes=1", "U|0-9|01|2023|no=1"], tally.Cells());
        Assert.Empty(tally.Survival);
        Assert.Equal(["2021|F=2", "2022|M=1", "2023|U=1"],
            index.Count(definition with { GroupBy = [GroupKey.EntryYear, GroupKey.Sex] }).Cells());
    }

    [Fact]
    public void Without_groupBy_there_is_one_group_with_an_empty_key_and_without_people_none()
    {
        var index = IndexOf(Person(Diagnosis("2021-01-01", "E11")), Person(Diagnosis("2021-01-01", "I10")));

        var all = index.Count(new CohortDefinition { Entry = AnyReceipt });
        Assert.Equal(2, all.Total);
        Assert.Equal(["=2"], all.Cells());
        Assert.Empty(all.Groups[0].Key);

        var none = index.Count(new CohortDefinition { Entry = new() { Kind = EventKind.Receipt, Code = "C" }, GroupBy = [GroupKey.Sex] });
        Assert.Equal(CohortTally.Empty, none);
        Assert.Equal(CohortTally.Empty, new Linkage.Cohorts.Index.CohortIndex().Count(new CohortDefinition { Entry = AnyReceipt }));
    }

    [Fact]
    public void A_definition_cohort_v1_refuses_is_an_argument_error()
    {
        var index = IndexOf(Person(Diagnosis("2021-01-01", "E11")));
        var survival = new SurvivalRequest { Step = 30 };
        var death = new CohortCriterion { Kind = EventKind.Death };

        Assert.Contains("outcome", Assert.Throws<ArgumentException>(() => index.Count(new CohortDefinition { Entry = AnyReceipt, Survival = survival })).Message);
        Assert.Contains("outcome.from", Assert.Throws<ArgumentException>(() =>
            index.Count(new CohortDefinition { Entry = AnyReceipt, Outcome = death with { From = 1 }, Survival = survival })).Message);
        Assert.Contains("step", Assert.Throws<ArgumentException>(() =>
            index.Count(new CohortDefinition { Entry = AnyReceipt, Outcome = death, Survival = new SurvivalRequest { Step = 0 } })).Message);
        Assert.Contains("groupBy", Assert.Throws<ArgumentException>(() =>
            index.Count(new CohortDefinition { Entry = AnyReceipt, GroupBy = [GroupKey.Outcome] })).Message);
    }
}

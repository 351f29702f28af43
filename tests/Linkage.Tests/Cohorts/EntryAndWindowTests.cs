using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>The entry date (earliest entry event inside the period) and the windows relative to it.</summary>
public sealed class EntryAndWindowTests
{
    private const string Period = """{"entry":{"kind":"receipt","code":"E11"},"period":{"from":"2020-01-01","to":"2024-12-31"}}""";

    [Fact]
    public void The_entry_date_is_the_earliest_matching_event_inside_the_period()
    {
        var member = Member(Period, Diagnosed("2019-12-31", "E11"), Diagnosed("2020-06-01", "E11"), Diagnosed("2020-01-01", "E11"), Lab("2019-01-01"));

        Assert.Equal(Day("2020-01-01"), member!.EntryDate);
    }

    [Theory]
    [InlineData("2020-01-01", true)]
    [InlineData("2024-12-31", true)]
    [InlineData("2019-12-31", false)]
    [InlineData("2025-01-01", false)]
    public void The_period_includes_both_of_its_ends(string date, bool enters)
    {
        Assert.Equal(enters, IsIn(Period, Diagnosed(date, "E11")));
    }

    [Theory]
    [InlineData("""{"from":"2020-01-01"}""", "1900-01-01", false)]
    [InlineData("""{"from":"2020-01-01"}""", "2099-12-31", true)]
    [InlineData("""{"to":"2020-01-01"}""", "1900-01-01", true)]
    [InlineData("""{"to":"2020-01-01"}""", "2020-01-02", false)]
    [InlineData("{}", "1900-01-01", true)]
    public void A_period_end_that_is_not_given_is_open(string period, string date, bool enters)
    {
        Assert.Equal(enters, IsIn($"{{\"entry\":{{\"kind\":\"death\"}},\"period\":{period}}}", Death(date, "I21")));
    }

    [Fact]
    public void A_person_without_a_matching_entry_event_is_out()
    {
        Assert.False(IsIn(Period, Diagnosed("2021-01-01", "E10"), Lab("2021-01-01")));
    }

    [Fact]
    public void The_entry_event_itself_satisfies_a_require_at_day_0()
    {
        const string json = """{"entry":{"kind":"receipt","code":"E11"},"require":[{"kind":"receipt","code":"E11","from":0,"to":0}]}""";

        Assert.True(IsIn(json, Diagnosed("2021-01-01", "E11")));
    }

    [Theory]
    [InlineData("2021-01-01", false)]
    [InlineData("2021-01-02", true)]
    [InlineData("2021-01-31", true)]
    [InlineData("2021-02-01", false)]
    public void A_window_holds_offsets_from_its_from_to_its_to(string labDate, bool enters)
    {
        const string json = """{"entry":{"kind":"receipt"},"require":[{"kind":"lab","from":1,"to":30}]}""";

        Assert.Equal(enters, IsIn(json, Receipt("2021-01-01"), Lab(labDate)));
    }

    [Theory]
    [InlineData("2020-01-01", true)]
    [InlineData("2020-12-31", true)]
    [InlineData("2019-12-31", false)]
    [InlineData("2021-01-01", false)]
    public void A_negative_window_looks_back_from_the_entry_date(string labDate, bool enters)
    {
        // 2021-01-01 minus 366 days (2020 is a leap year) is 2020-01-01.
        const string json = """{"entry":{"kind":"receipt"},"require":[{"kind":"lab","from":-366,"to":-1}]}""";

        Assert.Equal(enters, IsIn(json, Receipt("2021-01-01"), Lab(labDate)));
    }

    [Theory]
    [InlineData("""{"kind":"lab","to":-1}""", "1900-01-01", true)]
    [InlineData("""{"kind":"lab","to":-1}""", "2021-01-01", false)]
    [InlineData("""{"kind":"lab","from":1}""", "2099-01-01", true)]
    [InlineData("""{"kind":"lab","from":1}""", "2020-12-31", false)]
    [InlineData("""{"kind":"lab"}""", "1900-01-01", true)]
    [InlineData("""{"kind":"lab"}""", "2099-01-01", true)]
    public void A_window_bound_that_is_not_given_is_unbounded(string require, string labDate, bool enters)
    {
        Assert.Equal(enters, IsIn($"{{\"entry\":{{\"kind\":\"receipt\"}},\"require\":[{require}]}}", Receipt("2021-01-01"), Lab(labDate)));
    }

    [Fact]
    public void Events_outside_the_period_still_count_in_windows()
    {
        const string json = """
            {"entry":{"kind":"receipt","code":"E11"},"period":{"from":"2021-01-01"},
             "require":[{"kind":"lab","from":-31,"to":-31}]}
            """;

        Assert.True(IsIn(json, Diagnosed("2021-01-01", "E11"), Lab("2020-12-01")));
    }

    [Fact]
    public void Windows_are_relative_to_the_earliest_entry_in_the_period_not_to_a_later_one()
    {
        const string json = """{"entry":{"kind":"receipt","code":"E11"},"require":[{"kind":"lab","from":0,"to":10}]}""";

        Assert.False(IsIn(json, Diagnosed("2021-01-01", "E11"), Diagnosed("2021-06-01", "E11"), Lab("2021-06-05")));
    }

    [Fact]
    public void Each_require_needs_its_own_match_and_any_exclude_match_drops_the_person()
    {
        const string json = """
            {"entry":{"kind":"receipt","code":"E11"},
             "require":[{"kind":"lab","code":"3D046","min":8.0,"from":0,"to":180},{"kind":"medication","code":"3969"}],
             "exclude":[{"kind":"receipt","code":"E10","from":-365,"to":-1},{"kind":"death","to":0}]}
            """;
        FeedEvent[] both = [Diagnosed("2021-01-01", "E11"), Lab("2021-06-30", value: 8.0), Medication("2019-01-01", "3969010")];
        FeedEvent[] labTooLate = [Diagnosed("2021-01-01", "E11"), Lab("2021-07-01", value: 8.0), Medication("2019-01-01", "3969010")];
        FeedEvent[] labTooLow = [Diagnosed("2021-01-01", "E11"), Lab("2021-02-01", value: 7.9), Medication("2019-01-01", "3969010")];
        FeedEvent[] noMedication = [Diagnosed("2021-01-01", "E11"), Lab("2021-02-01", value: 9)];
        FeedEvent[] type1Before = [.. both, Diagnosed("2020-12-31", "E10.9")];
        FeedEvent[] type1OnEntryDay = [.. both, Diagnosed("2021-01-01", "E10.9")];
        FeedEvent[] type1YearBefore = [.. both, Diagnosed("2020-01-01", "E10.9")];
        FeedEvent[] diedOnEntryDay = [.. both, Death("2021-01-01", "I21")];

        Assert.True(IsIn(json, both));
        Assert.False(IsIn(json, labTooLate));
        Assert.False(IsIn(json, labTooLow));
        Assert.False(IsIn(json, noMedication));
        Assert.False(IsIn(json, type1Before));
        Assert.True(IsIn(json, type1OnEntryDay));
        Assert.True(IsIn(json, type1YearBefore));
        Assert.False(IsIn(json, diedOnEntryDay));
        Assert.Equal(3, Total(json, both, labTooLate, type1OnEntryDay, type1YearBefore, diedOnEntryDay));
    }
}

using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>Age at entry from the first day of the birth month, and the latest record's subject fields.</summary>
public sealed class SubjectAndAgeTests
{
    [Theory]
    [InlineData("1950-03", "2020-02-29", 69)]
    [InlineData("1950-03", "2020-03-01", 70)]
    [InlineData("1950-03", "2020-03-31", 70)]
    [InlineData("1950-01", "2019-12-31", 69)]
    [InlineData("1950-01", "2020-01-01", 70)]
    [InlineData("1950-12", "2020-11-30", 69)]
    [InlineData("1950-12", "2020-12-01", 70)]
    [InlineData("2020-05", "2020-05-01", 0)]
    [InlineData("2020-05", "2020-04-30", -1)]
    [InlineData("2021-05", "2020-01-10", -2)]
    public void Age_at_entry_counts_whole_years_from_the_first_day_of_the_birth_month(string birth, string entry, int age)
    {
        Assert.Equal(age, CohortAge.Years(birth, Day(entry)));
        Assert.Equal(age, Member("""{"entry":{"kind":"lab"}}""", Lab(entry, subject: Subject(birth)))!.Age);
    }

    [Theory]
    [InlineData("2020-02-29", true)]
    [InlineData("2020-03-01", false)]
    public void An_age_filter_takes_the_age_on_the_entry_date(string entry, bool enters)
    {
        Assert.Equal(enters, IsIn("""{"entry":{"kind":"lab"},"age":{"min":40,"max":69}}""", Lab(entry, subject: Subject("1950-03"))));
    }

    [Theory]
    [InlineData("""{"min":70}""", "2020-02-29", false)]
    [InlineData("""{"min":70}""", "2020-03-01", true)]
    [InlineData("""{"max":69}""", "1990-01-01", true)]
    [InlineData("""{"min":0}""", "1950-02-28", false)]
    public void An_age_bound_that_is_not_given_is_open(string age, string entry, bool enters)
    {
        Assert.Equal(enters, IsIn($"{{\"entry\":{{\"kind\":\"lab\"}},\"age\":{age}}}", Lab(entry, subject: Subject("1950-03"))));
    }

    [Fact]
    public void Where_records_disagree_the_latest_records_subject_counts()
    {
        const string json = """{"entry":{"kind":"lab"},"sex":"M","pref":["14"],"age":{"max":59}}""";
        FeedEvent[] person =
        [
            Lab("2020-01-01", subject: Subject("1950-03", Sex.F, "13")),
            Medication("2021-01-01", "6219") with { Subject = Subject("1961-03", Sex.M, "14") },
        ];

        var member = Member("""{"entry":{"kind":"lab"},"groupBy":["sex","pref","age10"]}""", person);

        Assert.True(IsIn(json, person));
        Assert.Equal(["M", "14", "50-59"], member!.Key.ToArray());
    }

    [Fact]
    public void On_the_same_date_the_later_source_then_the_later_record_id_is_latest()
    {
        const string json = """{"entry":{"kind":"lab"},"groupBy":["sex"]}""";
        var day = "2021-01-01";
        var a = Lab(day, subject: Subject(sex: Sex.F)) with { Source = "a-feed", RecordId = "Z-9" };
        var b = Lab(day, subject: Subject(sex: Sex.M)) with { Source = "b-feed", RecordId = "A-1" };
        var r10 = Lab(day, subject: Subject(sex: Sex.U)) with { Source = "b-feed", RecordId = "R-10" };
        var r2 = Lab(day, subject: Subject(sex: Sex.F)) with { Source = "b-feed", RecordId = "R-2" };

        Assert.Equal(["M"], Member(json, a, b)!.Key.ToArray());
        Assert.Equal(["M"], Member(json, b, a)!.Key.ToArray());

        // Ordinal: "R-2" comes after "R-10".
        Assert.Equal(["F"], Member(json, r10, r2)!.Key.ToArray());
        Assert.Equal(["F"], Member(json, r2, r10, a)!.Key.ToArray());
    }

    [Fact]
    public void The_latest_record_is_latest_among_all_current_records_not_only_entry_events()
    {
        const string json = """{"entry":{"kind":"lab"},"period":{"to":"2020-12-31"},"sex":"F"}""";

        Assert.False(IsIn(json, Lab("2020-01-01", subject: Subject(sex: Sex.F)), Death("2030-01-01", "I21") with { Subject = Subject(sex: Sex.M) }));
    }

    [Fact]
    public void A_person_whose_latest_record_has_no_pref_fails_a_pref_filter_and_groups_as_unknown()
    {
        FeedEvent[] person = [Lab("2020-01-01", subject: Subject(pref: "13")), Lab("2020-02-01", subject: Subject(pref: null))];

        Assert.False(IsIn("""{"entry":{"kind":"lab"},"pref":["13"]}""", person));
        Assert.Equal(["unknown"], Member("""{"entry":{"kind":"lab"},"groupBy":["pref"]}""", person)!.Key.ToArray());
    }

    [Theory]
    [InlineData("13", true)]
    [InlineData("14", true)]
    [InlineData("01", false)]
    public void A_pref_filter_takes_any_of_its_prefectures(string pref, bool enters)
    {
        Assert.Equal(enters, IsIn("""{"entry":{"kind":"lab"},"pref":["13","14"]}""", Lab("2020-01-01", subject: Subject(pref: pref))));
    }

    [Theory]
    [InlineData(Sex.F, "F", true)]
    [InlineData(Sex.M, "F", false)]
    [InlineData(Sex.U, "U", true)]
    [InlineData(Sex.U, "M", false)]
    public void A_sex_filter_takes_that_sex_only(Sex sex, string asked, bool enters)
    {
        Assert.Equal(enters, IsIn($"{{\"entry\":{{\"kind\":\"lab\"}},\"sex\":\"{asked}\"}}", Lab("2020-01-01", subject: Subject(sex: sex))));
    }
}

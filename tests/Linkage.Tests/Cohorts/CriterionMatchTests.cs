using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>When a criterion matches an event: every field it gives holds on that one event.</summary>
public sealed class CriterionMatchTests
{
    private static bool Enters(string criterion, FeedEvent record) => IsIn($"{{\"entry\":{criterion}}}", record);

    [Theory]
    [InlineData("E11", true)]
    [InlineData("E11.9", true)]
    [InlineData("E", true)]
    [InlineData("E12", false)]
    [InlineData("e11", false)]
    [InlineData("E11.91", false)]
    public void A_receipt_code_matches_a_diagnosis_by_prefix(string code, bool matches)
    {
        Assert.Equal(matches, Enters($"{{\"kind\":\"receipt\",\"code\":\"{code}\"}}", Diagnosed("2021-01-01", "I10", "E11.9")));
    }

    [Fact]
    public void A_suspected_diagnosis_never_matches()
    {
        var suspectedOnly = Receipt("2021-01-01", [Dx("E11.9", suspected: true)]);
        var alsoConfirmed = Receipt("2021-01-01", [Dx("E11.9", suspected: true), Dx("E11.2")]);

        Assert.False(Enters("""{"kind":"receipt","code":"E11"}""", suspectedOnly));
        Assert.True(Enters("""{"kind":"receipt","code":"E11"}""", alsoConfirmed));
        Assert.True(Enters("""{"kind":"receipt"}""", suspectedOnly));
    }

    [Theory]
    [InlineData("K549", true)]
    [InlineData("K5493", true)]
    [InlineData("K55", false)]
    public void A_receipt_procedure_matches_by_prefix(string procedure, bool matches)
    {
        var receipt = Receipt("2021-01-01", procedures: ["A000", "K5493"]);

        Assert.Equal(matches, Enters($"{{\"kind\":\"receipt\",\"procedure\":\"{procedure}\"}}", receipt));
    }

    [Theory]
    [InlineData("6219", true)]
    [InlineData("621900", true)]
    [InlineData("622", false)]
    public void A_receipt_drug_matches_by_prefix(string drug, bool matches)
    {
        var receipt = Receipt("2021-01-01", drugs: ["3969010", "621900101"]);

        Assert.Equal(matches, Enters($"{{\"kind\":\"receipt\",\"drug\":\"{drug}\"}}", receipt));
    }

    [Fact]
    public void A_receipt_criterion_with_code_and_drug_needs_both_on_one_receipt()
    {
        const string json = """{"entry":{"kind":"receipt","code":"E11","drug":"3969"}}""";

        Assert.False(IsIn(json, Diagnosed("2021-01-01", "E11.9"), Receipt("2021-01-01", drugs: ["3969010"])));
        Assert.False(IsIn(json, Receipt("2021-01-01", [Dx("E11.9", suspected: true)], drugs: ["3969010"])));
        Assert.True(IsIn(json, Receipt("2021-01-01", [Dx("E11.9")], drugs: ["3969010"])));
    }

    [Theory]
    [InlineData("3D046", null, null, true)]
    [InlineData("3D045", null, null, false)]
    [InlineData(null, 8.1, null, true)]
    [InlineData(null, 8.2, null, false)]
    [InlineData(null, null, 8.1, true)]
    [InlineData(null, null, 8.0, false)]
    [InlineData("3D046", 8.1, 8.1, true)]
    [InlineData("3D046", 7.0, 8.0, false)]
    public void A_lab_criterion_matches_code_by_prefix_and_value_within_inclusive_bounds(string? code, double? min, double? max, bool matches)
    {
        var criterion = new CohortCriterion { Kind = EventKind.Lab, Code = code, Min = min, Max = max };

        Assert.Equal(matches, CohortEvaluator.Matches(criterion, Lab("2021-01-01", "3D046000001920402", 8.1)));
    }

    [Theory]
    [InlineData("6219", true)]
    [InlineData("621", true)]
    [InlineData("6220", false)]
    public void A_medication_code_matches_by_prefix(string code, bool matches)
    {
        Assert.Equal(matches, Enters($"{{\"kind\":\"medication\",\"code\":\"{code}\"}}", Medication("2021-01-01", "6219001F1")));
    }

    [Theory]
    [InlineData("K549", null, true, true)]
    [InlineData("K548", null, true, false)]
    [InlineData(null, true, true, true)]
    [InlineData(null, true, false, false)]
    [InlineData(null, false, false, true)]
    [InlineData(null, false, true, false)]
    [InlineData(null, true, null, false)]
    [InlineData(null, false, null, false)]
    [InlineData(null, null, null, true)]
    public void A_surgery_criterion_matches_code_by_prefix_and_complication_exactly(
        string? code, bool? complication, bool? recorded, bool matches)
    {
        var criterion = new CohortCriterion { Kind = EventKind.Surgery, Code = code, Complication = complication };

        Assert.Equal(matches, CohortEvaluator.Matches(criterion, Surgery("2021-01-01", "K5493", recorded)));
    }

    [Theory]
    [InlineData("sbp", null, null, true)]
    [InlineData("dbp", null, null, false)]
    [InlineData("sb", null, null, false)]
    [InlineData("sbp", 140.0, null, true)]
    [InlineData("sbp", 140.5, null, false)]
    [InlineData(null, null, 140.0, true)]
    [InlineData(null, null, 139.9, false)]
    public void A_vital_criterion_matches_type_exactly_and_value_within_inclusive_bounds(string? type, double? min, double? max, bool matches)
    {
        var criterion = new CohortCriterion { Kind = EventKind.Vital, Type = type, Min = min, Max = max };

        Assert.Equal(matches, CohortEvaluator.Matches(criterion, Vital("2021-01-01", "sbp", 140)));
    }

    [Theory]
    [InlineData("delivery", null, null, 2400, true)]
    [InlineData("deliver", null, null, 2400, false)]
    [InlineData("checkup", null, null, 2400, false)]
    [InlineData("delivery", 2400.0, 2400.0, 2400, true)]
    [InlineData(null, null, 2499.0, 2500, false)]
    [InlineData(null, 500.0, null, null, false)]
    [InlineData(null, null, 2499.0, null, false)]
    [InlineData("delivery", null, null, null, true)]
    public void A_maternal_criterion_matches_entry_exactly_and_birth_weight_within_inclusive_bounds(
        string? entry, double? min, double? max, int? birthWeight, bool matches)
    {
        var criterion = new CohortCriterion { Kind = EventKind.Maternal, MaternalEntry = entry, Min = min, Max = max };

        Assert.Equal(matches, CohortEvaluator.Matches(criterion, Maternal("2021-01-01", "delivery", birthWeight)));
    }

    [Theory]
    [InlineData("I21", true)]
    [InlineData("I2", true)]
    [InlineData("C34", false)]
    public void A_death_code_matches_the_underlying_cause_by_prefix_and_never_another_cause(string code, bool matches)
    {
        Assert.Equal(matches, Enters($"{{\"kind\":\"death\",\"code\":\"{code}\"}}", Death("2021-01-01", "I21.9", "C34.1")));
    }

    [Fact]
    public void A_criterion_matches_only_events_of_its_kind()
    {
        Assert.False(Enters("""{"kind":"medication","code":"3D046"}""", Lab("2021-01-01", "3D046000001920402")));
        Assert.False(Enters("""{"kind":"death"}""", Diagnosed("2021-01-01", "R99")));
        Assert.True(Enters("""{"kind":"lab"}""", Lab("2021-01-01")));
    }

    [Fact]
    public void A_field_the_event_does_not_have_does_not_hold()
    {
        var lab = Lab("2021-01-01", "3D046000001920402", 8.1);

        Assert.False(CohortEvaluator.Matches(new CohortCriterion { Kind = EventKind.Lab, Procedure = "3D" }, lab));
        Assert.False(CohortEvaluator.Matches(new CohortCriterion { Kind = EventKind.Lab, Complication = false }, lab));
        Assert.False(CohortEvaluator.Matches(new CohortCriterion { Kind = EventKind.Medication, Min = 0 }, Medication("2021-01-01", "6219")));
        Assert.False(CohortEvaluator.Matches(new CohortCriterion { Kind = EventKind.Vital, Code = "sbp" }, Vital("2021-01-01", "sbp", 120)));
    }

    [Fact]
    public void Require_exclude_and_outcome_criteria_match_as_entry_does()
    {
        const string json = """
            {"entry":{"kind":"lab","code":"3D046"},
             "require":[{"kind":"medication","code":"6219"}],
             "exclude":[{"kind":"receipt","code":"E10"}],
             "outcome":{"kind":"death","code":"I21"},"groupBy":["outcome"]}
            """;
        FeedEvent[] person = [Lab("2021-01-01"), Medication("2021-02-01", "6219001"), Receipt("2021-03-01", [Dx("E10", suspected: true)]), Death("2022-01-01", "I21.0")];
        FeedEvent[] excluded = [Lab("2021-01-01"), Medication("2021-02-01", "6219001"), Diagnosed("2021-03-01", "E10.1")];
        FeedEvent[] unmedicated = [Lab("2021-01-01"), Medication("2021-02-01", "3969")];

        Assert.Equal(["yes=1"], Groups(Count(json, person, excluded, unmedicated)));
    }
}

using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Every field of every criterion kind, on hand-counted people: codes by prefix or exactly, inclusive bounds, flags.</summary>
public sealed class CriterionFieldTests
{
    private static long CountEntering(CohortCriterion entry, params PersonSummary[] people) => IndexOf(people).Total(Entering(entry));

    [Theory]
    [InlineData("E11", 1)]
    [InlineData("E1", 1)]
    [InlineData("E11.9", 1)]
    [InlineData("E11.91", 0)]
    [InlineData("E12", 0)]
    [InlineData("", 1)]
    public void A_receipt_code_matches_a_diagnosis_by_prefix(string code, long expected) =>
        Assert.Equal(expected, CountEntering(new() { Kind = EventKind.Receipt, Code = code }, Person(Diagnosis("2021-01-01", "E11.9"))));

    [Fact]
    public void A_receipt_procedure_and_a_drug_match_by_prefix()
    {
        var person = Person(Receipt("2021-01-01", procedures: ["K6722"], drugs: ["3969007"]));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Receipt, Procedure = "K67" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Procedure = "K68" }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Receipt, Drug = "396" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Drug = "3969008" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Code = "K67" }, person));
    }

    [Fact]
    public void A_receipt_criterion_with_several_fields_needs_them_all_on_one_receipt()
    {
        var person = Person(
            Receipt("2021-01-01", diagnoses: ["E11.9"], procedures: ["B001"], drugs: ["D1"]),
            Receipt("2021-02-01", diagnoses: ["I10"], procedures: ["B002"], drugs: ["D2"]));

        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Receipt, Code = "E11", Drug = "D1" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Code = "E11", Drug = "D2" }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Receipt, Code = "I", Procedure = "B002", Drug = "D" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Code = "I", Procedure = "B001", Drug = "D" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Code = "E11", Procedure = "B002" }, person));
    }

    [Fact]
    public void The_entry_date_comes_from_the_receipt_that_has_every_field()
    {
        var person = Person(
            Receipt("2021-01-01", diagnoses: ["E11"], drugs: ["D2"]),
            Receipt("2022-06-01", diagnoses: ["E11"], drugs: ["D1"]),
            Receipt("2023-06-01", diagnoses: ["E11", "E11.9"], drugs: ["D1", "D1X"]));
        var tally = IndexOf(person).Count(Entering(new() { Kind = EventKind.Receipt, Code = "E11", Drug = "D1" }, GroupKey.EntryYear));
        Assert.Equal(["2022=1"], tally.Cells());
    }

    [Fact]
    public void A_suspected_diagnosis_never_matches()
    {
        var receipt = new FeedEvent
        {
            Source = "claims",
            RecordId = "r1",
            Version = 1,
            Kind = EventKind.Receipt,
            Date = Day("2021-03-01"),
            Subject = new Subject { Mid = "mid.x", Birth = "1970-01", Sex = Sex.M },
            Data = new ReceiptData
            {
                Setting = "outpatient", Diagnoses = [new Diagnosis { Code = "C34.9", Suspected = true }, new Diagnosis { Code = "I10" }],
            },
        };
        var index = IndexOf(PersonSummaries.Of("p.x", [receipt]));

        Assert.Equal(0, index.Total(Entering(new() { Kind = EventKind.Receipt, Code = "C34" })));
        Assert.Equal(1, index.Total(Entering(new() { Kind = EventKind.Receipt, Code = "I10" })));
    }

    [Theory]
    [InlineData(null, null, 1)]
    [InlineData(8.0, null, 1)]
    [InlineData(null, 8.0, 1)]
    [InlineData(8.0, 8.0, 1)]
    [InlineData(8.01, null, 0)]
    [InlineData(null, 7.99, 0)]
    public void A_lab_value_bound_is_inclusive(double? min, double? max, long expected) =>
        Assert.Equal(expected, CountEntering(new() { Kind = EventKind.Lab, Code = "3D046", Min = min, Max = max }, Person(Lab("2021-01-01", "3D046000001920402", 8.0))));

    [Fact]
    public void A_lab_code_matches_by_prefix_and_a_bound_needs_a_value()
    {
        var person = Person(Lab("2021-01-01", "3D046000001920402", null));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Lab, Code = "3D046" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Lab, Code = "3D047" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Lab, Code = "3D046", Min = 0 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Lab, Max = 100 }, person));
    }

    [Fact]
    public void A_lab_code_and_bound_hold_on_the_same_event()
    {
        var person = Person(Lab("2021-01-01", "3D046000001920402", 6.0), Lab("2021-01-01", "3F077000002327101", 9.0));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Lab, Code = "3D046", Min = 8 }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Lab, Min = 8 }, person));
    }

    [Fact]
    public void A_medication_code_matches_by_prefix()
    {
        var person = Person(Medication("2021-01-01", "3969007F1020"));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Medication, Code = "3969" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Medication, Code = "3970" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Lab, Code = "3969" }, person));
    }

    [Fact]
    public void A_surgery_matches_on_code_and_complication_and_a_missing_flag_holds_neither()
    {
        var people = new[]
        {
            Person(Surgery("2021-01-01", "K6722", true)), Person(Surgery("2021-01-01", "K6722", false)), Person(Surgery("2021-01-01", "K0461", null)),
        };
        Assert.Equal(3, CountEntering(new() { Kind = EventKind.Surgery }, people));
        Assert.Equal(2, CountEntering(new() { Kind = EventKind.Surgery, Code = "K67" }, people));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Surgery, Code = "K67", Complication = true }, people));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Surgery, Complication = false }, people));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Surgery, Code = "K04", Complication = false }, people));
    }

    [Fact]
    public void A_vital_type_matches_exactly_and_its_value_by_inclusive_bounds()
    {
        var person = Person(Vital("2021-01-01", "sbp", 140), Vital("2021-01-01", "dbp", 90));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Vital, Type = "sbp" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Vital, Type = "sb" }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Vital, Type = "sbp", Min = 140 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Vital, Type = "sbp", Min = 140.5 }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Vital, Type = "dbp", Max = 90 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Vital, Type = "dbp", Min = 100 }, person));
    }

    [Fact]
    public void A_maternal_entry_matches_exactly_and_the_birth_weight_by_inclusive_bounds()
    {
        var person = Person(Maternal("2021-01-01", "checkup"), Maternal("2021-02-01", "delivery", 2500));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Maternal, MaternalEntry = "delivery" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Maternal, MaternalEntry = "deliv" }, person));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Maternal, Max = 2500 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Maternal, MaternalEntry = "checkup", Max = 2500 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Maternal, MaternalEntry = "delivery", Min = 2500.5 }, person));
    }

    [Fact]
    public void A_death_code_matches_the_underlying_cause_by_prefix_and_a_death_without_one_only_the_kind()
    {
        var people = new[] { Person(Death("2021-01-01", "C34.9")), Person(Death("2021-01-01", null)) };
        Assert.Equal(2, CountEntering(new() { Kind = EventKind.Death }, people));
        Assert.Equal(1, CountEntering(new() { Kind = EventKind.Death, Code = "C34" }, people));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Death, Code = "C35" }, people));
    }

    [Fact]
    public void A_field_the_kind_does_not_have_holds_on_no_event()
    {
        var person = Person(Diagnosis("2021-01-01", "E11"), Medication("2021-01-01", "3969"), Vital("2021-01-01", "sbp", 120));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Receipt, Code = "E11", Min = 0 }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Medication, Code = "3969", Drug = "3969" }, person));
        Assert.Equal(0, CountEntering(new() { Kind = EventKind.Vital, Code = "sbp" }, person));
    }
}

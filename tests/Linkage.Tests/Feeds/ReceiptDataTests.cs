using System.Text.Json.Nodes;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a receipt: setting, facility, diagnoses, procedures, drugs, points.</summary>
public sealed class ReceiptDataTests
{
    [Fact]
    public void A_full_receipt_is_read_field_by_field()
    {
        var data = Accepted(DataLine("receipt", d =>
        {
            d["setting"] = "inpatient";
            d["facility"] = "2610012345";
            d["diagnoses"] = new JsonArray(
                new JsonObject { ["code"] = "E11.9", ["main"] = true },
                new JsonObject { ["code"] = "I10", ["suspected"] = true },
                new JsonObject { ["code"] = "JP:8830052" });
            d["procedures"] = new JsonArray("A000", "D007-1");
            d["drugs"] = new JsonArray(new JsonObject { ["code"] = "620004001", ["days"] = 28 }, new JsonObject { ["code"] = "620004002" });
            d["points"] = 1250;
        })).Data;

        var receipt = Assert.IsType<ReceiptData>(data);
        Assert.Equal("inpatient", receipt.Setting);
        Assert.Equal("2610012345", receipt.Facility);
        Assert.Equal(
            new[]
            {
                new Diagnosis { Code = "E11.9", Main = true },
                new Diagnosis { Code = "I10", Suspected = true },
                new Diagnosis { Code = "JP:8830052" },
            },
            receipt.Diagnoses);
        Assert.Equal(new[] { "A000", "D007-1" }, receipt.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "620004001", Days = 28 }, new DrugUse { Code = "620004002" } }, receipt.Drugs);
        Assert.Equal(1250, receipt.Points);
    }

    [Fact]
    public void A_minimal_receipt_has_empty_lists_and_no_optional_values()
    {
        var receipt = Assert.IsType<ReceiptData>(Accepted(Line(Event("receipt"))).Data);

        Assert.Equal(new ReceiptData { Setting = "outpatient" }, receipt);
        Assert.Empty(receipt.Diagnoses);
        Assert.Empty(receipt.Procedures);
        Assert.Empty(receipt.Drugs);
        Assert.Null(receipt.Points);
        Assert.Null(receipt.Facility);
    }

    [Fact]
    public void Setting_is_required_for_a_receipt()
    {
        Assert.Equal("data.setting: required for kind receipt", Rejected(DataLine("receipt", d => d.Remove("setting"))));
    }

    [Theory]
    [InlineData("inpatient")]
    [InlineData("outpatient")]
    [InlineData("dpc")]
    [InlineData("pharmacy")]
    [InlineData("dental")]
    public void Each_setting_is_accepted(string setting)
    {
        Assert.Equal(setting, ((ReceiptData)Accepted(DataLine("receipt", d => d["setting"] = setting)).Data!).Setting);
    }

    [Fact]
    public void An_unknown_setting_is_rejected_listing_the_settings()
    {
        Assert.Equal(
            "data.setting: \"ward\" is not one of inpatient, outpatient, dpc, pharmacy, dental",
            Rejected(DataLine("receipt", d => d["setting"] = "ward")));
    }

    [Theory]
    [InlineData("261001234")]
    [InlineData("26100123456")]
    [InlineData("26100A2345")]
    [InlineData("２６１００１２３４５")]
    public void A_facility_that_is_not_ten_digits_is_rejected(string facility)
    {
        Assert.Equal(
            $"data.facility: \"{facility}\" is not a 10-digit medical institution code",
            Rejected(DataLine("receipt", d => d["facility"] = facility)));
    }

    [Fact]
    public void A_facility_given_as_a_number_is_rejected()
    {
        Assert.Equal("data.facility: must be a string", Rejected(DataLine("receipt", d => d["facility"] = 2610012345L)));
    }

    [Theory]
    [InlineData("E11")]
    [InlineData("E11.9")]
    [InlineData("E11.90")]
    [InlineData("U07.1")]
    [InlineData("C7A.0")]
    [InlineData("T81.4XXA")]
    [InlineData("JP:0000000")]
    public void An_icd10_like_diagnosis_code_is_accepted(string code)
    {
        var receipt = (ReceiptData)Accepted(DataLine("receipt", d => d["diagnoses"] = new JsonArray(new JsonObject { ["code"] = code }))).Data!;

        Assert.Equal(code, receipt.Diagnoses.Single().Code);
    }

    [Theory]
    [InlineData("e11.9")]
    [InlineData("E1")]
    [InlineData("E119")]
    [InlineData("E11.")]
    [InlineData("E11.12345")]
    [InlineData("EE1.9")]
    [InlineData("E11-9")]
    [InlineData("JP:123456")]
    [InlineData("JP:12345678")]
    [InlineData("8830052")]
    [InlineData("")]
    public void A_diagnosis_code_that_is_not_icd10_like_is_rejected_naming_its_position(string code)
    {
        var line = DataLine("receipt", d => d["diagnoses"] = new JsonArray(new JsonObject { ["code"] = "I10" }, new JsonObject { ["code"] = code }));

        Assert.Equal($"data.diagnoses[1].code: \"{code}\" is not an ICD-10 code such as E11.9 (or JP: + 7 digits)", Rejected(line));
    }

    [Fact]
    public void A_diagnosis_needs_a_code()
    {
        var line = DataLine("receipt", d => d["diagnoses"] = new JsonArray(new JsonObject { ["main"] = true }));

        Assert.Equal("data.diagnoses[0].code: required", Rejected(line));
    }

    [Fact]
    public void Diagnosis_flags_must_be_booleans()
    {
        var line = DataLine("receipt", d => d["diagnoses"] = new JsonArray(new JsonObject { ["code"] = "I10", ["suspected"] = 1 }));

        Assert.Equal("data.diagnoses[0].suspected: must be a boolean", Rejected(line));
    }

    [Fact]
    public void Diagnoses_must_be_an_array_of_objects()
    {
        Assert.Equal("data.diagnoses: must be an array", Rejected(DataLine("receipt", d => d["diagnoses"] = "E11.9")));
        Assert.Equal("data.diagnoses[0]: must be an object", Rejected(DataLine("receipt", d => d["diagnoses"] = new JsonArray("E11.9"))));
    }

    [Fact]
    public void Procedures_must_be_an_array_of_non_empty_printable_codes_of_at_most_32_characters()
    {
        Assert.Equal("data.procedures: must be an array", Rejected(DataLine("receipt", d => d["procedures"] = "A000")));
        Assert.Equal("data.procedures[1]: must be a string", Rejected(DataLine("receipt", d => d["procedures"] = new JsonArray("A000", 7))));
        Assert.Equal("data.procedures[0]: must not be empty", Rejected(DataLine("receipt", d => d["procedures"] = new JsonArray(""))));
        Assert.Equal(
            $"data.procedures[0]: \"{new string('K', 33)}\" is longer than 32 characters",
            Rejected(DataLine("receipt", d => d["procedures"] = new JsonArray(new string('K', 33)))));
        Assert.Equal(
            "data.procedures[0]: \"K\\u000a1\" contains a control character",
            Rejected(DataLine("receipt", d => d["procedures"] = new JsonArray("K\n1"))));
    }

    [Fact]
    public void A_procedure_code_of_32_characters_is_accepted()
    {
        var code = new string('K', 32);

        Assert.Equal(new[] { code }, ((ReceiptData)Accepted(DataLine("receipt", d => d["procedures"] = new JsonArray(code))).Data!).Procedures);
    }

    [Fact]
    public void A_drug_needs_a_code_and_non_negative_days()
    {
        Assert.Equal(
            "data.drugs[0].code: required",
            Rejected(DataLine("receipt", d => d["drugs"] = new JsonArray(new JsonObject { ["days"] = 1 }))));
        Assert.Equal(
            "data.drugs[0].days: must be at least 0, not -1",
            Rejected(DataLine("receipt", d => d["drugs"] = new JsonArray(new JsonObject { ["code"] = "620004001", ["days"] = -1 }))));
        Assert.Equal(
            "data.drugs[0].days: must be a number",
            Rejected(DataLine("receipt", d => d["drugs"] = new JsonArray(new JsonObject { ["code"] = "620004001", ["days"] = "7" }))));
        Assert.Equal("data.drugs[0]: must be an object", Rejected(DataLine("receipt", d => d["drugs"] = new JsonArray("620004001"))));
    }

    [Theory]
    [InlineData("-1", "data.points: must be at least 0, not -1")]
    [InlineData("12.5", "data.points: must be an integer, not 12.5")]
    [InlineData("\"1250\"", "data.points: must be a number")]
    public void Points_must_be_a_non_negative_integer(string points, string reason)
    {
        var line = Line(Event("receipt")).Replace("\"setting\":\"outpatient\"", "\"setting\":\"outpatient\",\"points\":" + points, StringComparison.Ordinal);

        Assert.Equal(reason, Rejected(line));
    }

    [Fact]
    public void Zero_points_and_zero_days_are_accepted()
    {
        var receipt = (ReceiptData)Accepted(DataLine("receipt", d =>
        {
            d["points"] = 0;
            d["drugs"] = new JsonArray(new JsonObject { ["code"] = "620004001", ["days"] = 0 });
        })).Data!;

        Assert.Equal(0, receipt.Points);
        Assert.Equal(0, receipt.Drugs.Single().Days);
    }
}

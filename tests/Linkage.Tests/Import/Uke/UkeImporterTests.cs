using Linkage.Client.Import;
using Linkage.Client.Import.Uke;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Uke;

/// <summary>RECEIPTC.UKE (medical): three receipts written in Shift_JIS, mapped field by field.</summary>
public sealed class UkeImporterTests
{
    private static readonly DateOnly SatoBirth = new(1950, 3, 14);

    private static async Task<List<ImportedLine>> ReadGoodFileAsync(bool withMaster) =>
        await ReadFileAsync(FeedImporters.Create(FeedFormat.Uke, Options(withMaster)), "RECEIPTC.UKE");

    [Fact]
    public async Task Each_RE_group_becomes_one_receipt_reported_on_its_RE_line()
    {
        var lines = await ReadGoodFileAsync(withMaster: true);

        Assert.All(lines, l => Assert.Null(l.Reason));
        Assert.Equal(new[] { 2, 16, 20 }, lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.Equal("RECEIPTC.UKE", l.File));
        Assert.All(lines, l => Assert.Equal(EventKind.Receipt, l.Event!.Kind));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task An_outpatient_receipt_maps_every_field()
    {
        var receipt = (await ReadGoodFileAsync(withMaster: true))[0].Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);

        Assert.Equal(Source, receipt.Source);
        Assert.Equal("1311234567-202405-1-1", receipt.RecordId);
        Assert.Equal(1, receipt.Version);
        Assert.Equal(new DateOnly(2024, 4, 3), receipt.Date);
        Assert.Equal(Tokenizer.Id1("06139999", "１２３", "４５６７", "01", SatoBirth, Sex.F), receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id2("サトウ　ハナコ", SatoBirth, Sex.F), receipt.Subject.Id2);
        Assert.Null(receipt.Subject.Mid);
        Assert.Equal("1950-03", receipt.Subject.Birth);
        Assert.Equal(Sex.F, receipt.Subject.Sex);
        Assert.Null(receipt.Subject.Pref);

        Assert.Equal("outpatient", data.Setting);
        Assert.Equal("1311234567", data.Facility);
        Assert.Equal(
            new[]
            {
                new Diagnosis { Code = "I50.9", Suspected = false, Main = true },
                new Diagnosis { Code = "E11.9", Suspected = true, Main = false },
                new Diagnosis { Code = "JP:0000999", Suspected = false, Main = false },
            },
            data.Diagnoses);
        Assert.Equal(new[] { "111000110", "160008010", "160008110", "160008210" }, data.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "620000001", Days = 2 }, new DrugUse { Code = "620000002", Days = 2 } }, data.Drugs);
        Assert.Equal(1234, data.Points);
    }

    [Fact]
    public async Task Tokens_of_the_contract_identity_equal_the_contract_vectors()
    {
        var subject = (await ReadGoodFileAsync(withMaster: true))[0].Event!.Subject;

        Assert.Equal("id1.5U8WoGpworlt4Alycj2mTg", subject.Id1);
        Assert.Equal("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", subject.Id2);
    }

    [Fact]
    public async Task An_inpatient_receipt_with_a_half_width_katakana_name_and_a_six_digit_insurer_maps()
    {
        var receipt = (await ReadGoodFileAsync(withMaster: true))[1].Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);
        var birth = new DateOnly(1980, 1, 2);

        Assert.Equal("1311234567-202405-1-2", receipt.RecordId);
        Assert.Equal("inpatient", data.Setting);
        Assert.Equal(new DateOnly(2024, 4, 1), receipt.Date); // no day has a count: the first of the service month
        Assert.Equal(Tokenizer.Id1("  138149", "", "12345", null, birth, Sex.M), receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id1("00138149", "", "12345", "", birth, Sex.M), receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id2("ｽｽﾞｷ ｲﾁﾛｳ", birth, Sex.M), receipt.Subject.Id2);
        Assert.Equal(Tokenizer.Id2("スズキ　イチロウ", birth, Sex.M), receipt.Subject.Id2);
        Assert.Equal(new[] { new Diagnosis { Code = "I50.9", Main = true } }, data.Diagnoses);
        Assert.Equal(new[] { "190077410" }, data.Procedures);
        Assert.Empty(data.Drugs);
        Assert.Equal(800, data.Points);
    }

    [Fact]
    public async Task A_public_expense_only_receipt_has_no_id1_and_takes_its_points_from_KO()
    {
        var receipt = (await ReadGoodFileAsync(withMaster: true))[2].Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);

        Assert.Equal("1311234567-202405-1-3", receipt.RecordId);
        Assert.Null(receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id2("タナカ　タロウ", new DateOnly(1970, 12, 31), Sex.M), receipt.Subject.Id2);
        Assert.Equal(567, data.Points);
        Assert.Equal(new DateOnly(2024, 4, 15), receipt.Date);
        Assert.Equal("outpatient", data.Setting);
    }

    [Fact]
    public async Task Grouped_lines_take_the_points_count_and_days_of_the_last_line_of_their_group()
    {
        // SI 160008010 and 160008110 carry no points and no day counts; 160008210 closes the group with 144 x 2 on days 3 and 17.
        // IY 620000001 is the blank first line of a drug group whose last line counts days 3 and 17.
        var data = (ReceiptData)(await ReadGoodFileAsync(withMaster: true))[0].Event!.Data!;

        Assert.Contains("160008010", data.Procedures);
        Assert.Contains("160008110", data.Procedures);
        Assert.Equal(2, data.Drugs.Single(d => d.Code == "620000001").Days);
    }

    [Fact]
    public async Task A_group_whose_last_line_carries_no_points_rejects_its_receipt_naming_the_line_and_field()
    {
        var lines = await ReadFileAsync(FeedImporters.Create(FeedFormat.Uke, Options()), "open-group.UKE");

        var receipt = Assert.Single(lines, l => l.Line == 2);
        Assert.Null(receipt.Event);
        Assert.Contains("SI line 5: 点数 (points) (column 6)", receipt.Reason);
        Assert.Contains("last line", receipt.Reason);
    }

    [Fact]
    public async Task Without_a_disease_master_codes_stay_JP_and_the_importer_says_so_once()
    {
        var importer = FeedImporters.Create(FeedFormat.Uke, Options(withMaster: false));
        var lines = await ReadFileAsync(importer, "RECEIPTC.UKE");

        var codes = lines.SelectMany(l => ((ReceiptData)l.Event!.Data!).Diagnoses).Select(d => d.Code).ToList();
        Assert.Equal(new[] { "JP:4280021", "JP:8831231", "JP:0000999", "JP:4280021" }, codes);
        Assert.Single(importer.Warnings, w => w.Contains("no disease master", StringComparison.Ordinal));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_code_missing_from_the_master_is_kept_as_JP_and_named_in_a_warning()
    {
        var importer = FeedImporters.Create(FeedFormat.Uke, Options(withMaster: true));
        var lines = await ReadBytesAsync(importer, UkeBytes(
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314" + new string(',', 31),
            "HO,06139999,,1,1,10,,,,,,,,,",
            "SY,9999999,20240401,1,,,01,",
            "SY,1234567,20240401,1,,,,",
            "GO,1,10,99"));

        var data = (ReceiptData)lines[0].Event!.Data!;
        Assert.Equal(new[] { "JP:9999999", "JP:1234567" }, data.Diagnoses.Select(d => d.Code));
        Assert.Contains(importer.Warnings, w => w.Contains("9999999 is not in the disease master", StringComparison.Ordinal));
        Assert.Contains(importer.Warnings, w => w.Contains("1234567 has no ICD-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Era_dates_of_older_files_are_read()
    {
        // 請求年月 R6.5 = 50605, 診療年月 R6.4 = 50604, 生年月日 S25.3.14 = 3250314.
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,1,1234567,,病院,50605,00,",
            "RE,7,1112,50604,ｻﾄｳ ﾊﾅｺ,2,3250314",
            "HO,06139999,１２３,４５６７,1,10,,,,,,,,,",
            "GO,1,10,99"));

        var receipt = lines[0].Event!;
        Assert.Equal("1311234567-202405-1-7", receipt.RecordId);
        Assert.Equal(new DateOnly(2024, 4, 1), receipt.Date);
        Assert.Equal(Tokenizer.Id1("06139999", "１２３", "４５６７", null, SatoBirth, Sex.F), receipt.Subject.Id1);
    }

    [Fact]
    public async Task A_receipt_with_an_impossible_birth_date_is_rejected_naming_the_field()
    {
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500230",
            "HO,06139999,,1,1,10,,,,,,,,,",
            "GO,1,10,99"));

        var receipt = Assert.Single(lines);
        Assert.Null(receipt.Event);
        Assert.Equal(2, receipt.Line);
        Assert.Equal("RE line 2: 生年月日 (birth date) (column 7) '19500230' is not a real date (YYYYMMDD)", receipt.Reason);
    }

    [Fact]
    public async Task A_receipt_without_HO_or_a_kana_name_is_rejected_for_having_no_identity()
    {
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1212,202404,田中　太郎,1,19701231",
            "KO,12136014,1234567,,1,10,,,,,,",
            "GO,1,10,99"));

        var receipt = Assert.Single(lines);
        Assert.Null(receipt.Event);
        Assert.StartsWith("no identity: no HO record for id1", receipt.Reason);
    }

    [Fact]
    public async Task A_count_on_a_day_the_service_month_does_not_have_is_rejected_naming_the_day_column()
    {
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314",
            "HO,06139999,,1,1,10,,,,,,,,,",
            "SI,11,1,111000110,,10,1,,,,,,," + Days((31, 1)),
            "GO,1,10,99"));

        Assert.Equal("SI line 4: 31日の情報 (day 31 count) (column 44) has a count but the service month has 30 days", Assert.Single(lines).Reason);
    }

    [Fact]
    public async Task A_branch_number_that_is_not_two_digits_is_rejected_naming_the_SN_field()
    {
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314",
            "HO,06139999,,1,1,10,,,,,,,,,",
            "SN,1,01,,,,123,,",
            "GO,1,10,99"));

        Assert.Equal("SN line 4: 枝番 (branch number) (column 7) '123' is not 2 digits", Assert.Single(lines).Reason);
    }
}

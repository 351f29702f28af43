using Linkage.Client.Import;
using Linkage.Client.Import.Uke;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Uke;

/// <summary>Dental and pharmacy UKE files, whose records differ from the medical ones.</summary>
public sealed class UkeVariantTests
{
    [Fact]
    public async Task A_dental_file_reads_HS_diagnoses_and_SS_procedures_at_their_own_columns()
    {
        var lines = await ReadFileAsync(FeedImporters.Create(FeedFormat.Uke, Options(withMaster: true)), "dental.UKE");

        Assert.DoesNotContain(lines, l => l.Reason is not null);
        var receipt = Assert.Single(lines).Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);
        var birth = new DateOnly(1990, 5, 5);
        Assert.Equal("2737654321-202405-2-1", receipt.RecordId);
        Assert.Equal(new DateOnly(2024, 4, 8), receipt.Date);
        Assert.Equal(Tokenizer.Id1("06270001", "", "98765", null, birth, Sex.F), receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id2("ヤマダ　ハナコ", birth, Sex.F), receipt.Subject.Id2);
        Assert.Equal("dental", data.Setting);
        Assert.Equal("2737654321", data.Facility);
        Assert.Equal(new[] { new Diagnosis { Code = "K02.1", Suspected = true, Main = true } }, data.Diagnoses);
        Assert.Equal(new[] { "301000110" }, data.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "620000003", Days = 1 } }, data.Drugs);
        Assert.Equal(297, data.Points);
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_pharmacy_file_gives_each_IY_drug_the_days_of_the_CZ_dispensing_before_it()
    {
        var lines = await ReadFileAsync(FeedImporters.Create(FeedFormat.Uke, Options()), "pharmacy.UKE");

        Assert.DoesNotContain(lines, l => l.Reason is not null);
        var receipt = Assert.Single(lines).Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);
        var birth = new DateOnly(1945, 8, 8);
        Assert.Equal("1441112223-202405-1-1", receipt.RecordId);
        Assert.Equal(new DateOnly(2024, 4, 10), receipt.Date);
        Assert.Equal(Tokenizer.Id1("39141234", "", "1234567", null, birth, Sex.M), receipt.Subject.Id1);
        Assert.Equal(Tokenizer.Id2("ｷﾑﾗ ｼﾞﾛｳ", birth, Sex.M), receipt.Subject.Id2);
        Assert.Equal("pharmacy", data.Setting);
        Assert.Equal("1441112223", data.Facility);
        Assert.Empty(data.Diagnoses);
        Assert.Empty(data.Procedures);
        Assert.Equal(
            new[]
            {
                new DrugUse { Code = "610463123", Days = 14 },
                new DrugUse { Code = "620004321", Days = 14 },
                new DrugUse { Code = "622222222", Days = 7 },
            },
            data.Drugs);
        Assert.Equal(950, data.Points);
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_DPC_or_unknown_score_table_is_named_on_the_IR_line()
    {
        var lines = await ReadBytesAsync(FeedImporters.Create(FeedFormat.Uke, Options()), UkeBytes(
            "IR,1,13,9,1234567,,病院,202405,00,",
            "GO,0,0,99"));

        Assert.Equal("IR line 1: 点数表 (score table) (column 4) '9' is not 1 (医科) or 3 (歯科); DPC and other files are not read", lines[0].Reason);
    }
}

using Linkage.Client.Import;
using Linkage.Client.Import.Uke;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Uke;

/// <summary>Broken UKE files are named line by line, never crash the importer, and do not stop the good receipts.</summary>
public sealed class UkeBrokenInputTests
{
    private static IFeedImporter Importer() => FeedImporters.Create(FeedFormat.Uke, Options(withMaster: true));

    [Fact]
    public async Task A_UTF8_file_fed_as_UKE_is_named_as_such_and_nothing_is_read()
    {
        var lines = await ReadFileAsync(Importer(), "utf8-instead-of-sjis.UKE");

        var only = Assert.Single(lines);
        Assert.Null(only.Event);
        Assert.Equal(1, only.Line);
        Assert.StartsWith("the file is UTF-8, not Shift_JIS", only.Reason);
    }

    [Fact]
    public async Task A_truncated_file_rejects_the_cut_receipt_and_reports_the_missing_GO_on_the_last_line()
    {
        var lines = await ReadFileAsync(Importer(), "truncated.UKE");

        Assert.Equal(2, lines.Count(l => l.Event is not null));
        var cut = Assert.Single(lines, l => l.Line == 20);
        Assert.Null(cut.Event);
        Assert.StartsWith("SI line 22: the record has", cut.Reason);
        Assert.Contains("44 expected", cut.Reason);
        var end = lines[^1];
        Assert.Equal(22, end.Line);
        Assert.Contains("ends without a GO", end.Reason);
        Assert.Contains("last line 22 has no line end", end.Reason);
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_missing_GO_is_reported_on_the_last_line_and_the_receipts_still_go_in()
    {
        var lines = await ReadFileAsync(Importer(), "missing-go.UKE");

        Assert.Equal(3, lines.Count(l => l.Event is not null));
        var end = Assert.Single(lines, l => l.Event is null);
        Assert.Equal(22, end.Line);
        Assert.StartsWith("the file ends without a GO (診療報酬請求書) record: it looks truncated", end.Reason);
    }

    [Fact]
    public async Task GO_totals_that_disagree_are_reported_on_the_GO_line_naming_count_and_points()
    {
        var lines = await ReadFileAsync(Importer(), "totals-disagree.UKE");

        var problems = lines.Where(l => l.Event is null).ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(23, p.Line));
        Assert.Equal("GO line 23: 総件数 (receipt count, column 2) says 4 receipts but the file has 3 RE records", problems[0].Reason);
        Assert.Equal("GO line 23: 総合計点数 (total points, column 3) says 9999 but the receipts' HO/KO total points add up to 2601", problems[1].Reason);
    }

    [Fact]
    public async Task Agreeing_GO_totals_report_nothing()
    {
        var lines = await ReadFileAsync(Importer(), "RECEIPTC.UKE");

        Assert.DoesNotContain(lines, l => l.Reason is not null);
    }

    [Fact]
    public async Task An_unknown_record_id_is_reported_on_its_line_and_its_receipt_still_goes_in()
    {
        var lines = await ReadFileAsync(Importer(), "unknown-record.UKE");

        var unknown = Assert.Single(lines, l => l.Event is null);
        Assert.Equal(18, unknown.Line);
        Assert.Equal("unknown record id 'ZZ' for a medical UKE file: record not read", unknown.Reason);
        Assert.Equal(3, lines.Count(l => l.Event is not null));
        Assert.Contains(lines, l => l.Line == 16 && l.Event is not null);
    }

    [Fact]
    public async Task Bytes_that_are_not_Shift_JIS_reject_only_their_receipt()
    {
        var lines = await ReadFileAsync(Importer(), "bad-bytes.UKE");

        var bad = Assert.Single(lines, l => l.Event is null);
        Assert.Equal(2, bad.Line);
        Assert.StartsWith("line 2: byte 18 is not Shift_JIS (CP932)", bad.Reason);
        Assert.Equal(2, lines.Count(l => l.Event is not null));
    }

    [Fact]
    public async Task Records_before_the_facility_record_and_after_GO_are_reported()
    {
        var lines = await ReadBytesAsync(Importer(), UkeBytes(
            "HO,06139999,,1,1,10,,,,,,,,,",
            "IR,1,13,1,1234567,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314",
            "HO,06139999,,1,1,10,,,,,,,,,",
            "GO,1,10,99",
            "RE,2,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314"));

        Assert.Equal("HO record before the IR/YK facility record: not read", Assert.Single(lines, l => l.Line == 1).Reason);
        Assert.Equal("RE record after the GO trailer on line 5: not read", Assert.Single(lines, l => l.Line == 6).Reason);
        Assert.NotNull(Assert.Single(lines, l => l.Line == 3).Event);
    }

    [Fact]
    public async Task A_broken_facility_record_is_named_and_its_receipts_say_why_they_were_not_taken()
    {
        var lines = await ReadBytesAsync(Importer(), UkeBytes(
            "IR,1,13,1,12345,,病院,202405,00,",
            "RE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314",
            "HO,06139999,,1,1,10,,,,,,,,,",
            "GO,1,10,99"));

        Assert.Equal("IR line 1: 医療機関コード (facility code) (column 5) '12345' is not 7 digits", lines[0].Reason);
        Assert.Equal(2, lines[1].Line);
        Assert.Contains("facility record before it could not be read", lines[1].Reason);
    }

    [Fact]
    public async Task An_empty_file_is_named()
    {
        var lines = await ReadBytesAsync(Importer(), []);

        Assert.Equal("the file is empty", Assert.Single(lines).Reason);
    }

    [Fact]
    public async Task LF_only_line_ends_are_read_with_a_warning()
    {
        var importer = Importer();
        var bytes = ShiftJis.GetBytes("IR,1,13,1,1234567,,病院,202405,00,\nRE,1,1112,202404,ｻﾄｳ ﾊﾅｺ,2,19500314\nHO,06139999,,1,1,10,,,,,,,,,\nGO,1,10,99\n");

        var lines = await ReadBytesAsync(importer, bytes);

        Assert.NotNull(lines[0].Event);
        Assert.Contains(importer.Warnings, w => w.Contains("LF only", StringComparison.Ordinal));
    }
}

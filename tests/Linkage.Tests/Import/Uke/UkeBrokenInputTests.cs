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
    public async Task A_truncated_file_rejects_the_cut_receipt_and_warns_of_the_missing_GO()
    {
        var importer = Importer();
        var lines = await ReadFileAsync(importer, "truncated.UKE");

        Assert.Equal(2, lines.Count(l => l.Event is not null));
        var cut = Assert.Single(lines, l => l.Event is null);
        Assert.Equal(20, cut.Line);
        Assert.StartsWith("SI line 22: the record has", cut.Reason);
        Assert.Contains("44 expected", cut.Reason);
        var end = Assert.Single(importer.Warnings, w => w.Contains("ends without a GO", StringComparison.Ordinal));
        Assert.StartsWith("truncated.UKE: ", end);
        Assert.Contains("last line 22 has no line end", end);
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_missing_GO_is_a_warning_on_the_file_and_only_the_receipt_it_ends_in_is_not_taken()
    {
        var importer = Importer();
        var lines = await ReadFileAsync(importer, "missing-go.UKE");

        Assert.Equal(new[] { 2, 16 }, lines.Where(l => l.IsEvent).Select(l => l.Line));
        Assert.Equal(
            "the file ends in this receipt without a GO (診療報酬請求書) record: the receipt may be cut short, so it is not taken",
            Assert.Single(lines, l => l.Line == 20).Reason);
        Assert.Contains("missing-go.UKE: the file ends without a GO (診療報酬請求書) record: it looks truncated, so its receipt count and total points could not be checked", importer.Warnings);
    }

    [Fact]
    public async Task GO_totals_that_disagree_are_warnings_naming_the_GO_line_count_and_points_not_rejected_lines()
    {
        var importer = Importer();
        var lines = await ReadFileAsync(importer, "totals-disagree.UKE");

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.True(l.IsEvent, l.Reason));
        Assert.Equal(
            [
                "totals-disagree.UKE: GO line 23: 総件数 (receipt count, column 2) says 4 receipts but the file has 3 RE records",
                "totals-disagree.UKE: GO line 23: 総合計点数 (total points, column 3) says 9999 but the receipts' HO/KO total points add up to 2601",
            ],
            importer.Warnings.Where(w => w.Contains("GO line", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Agreeing_GO_totals_report_nothing()
    {
        var importer = Importer();
        var lines = await ReadFileAsync(importer, "RECEIPTC.UKE");

        Assert.DoesNotContain(lines, l => l.Reason is not null);
        Assert.DoesNotContain(importer.Warnings, w => w.Contains("GO", StringComparison.Ordinal));
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
    public async Task An_empty_file_is_a_warning_and_rejects_nothing()
    {
        var importer = Importer();
        var lines = await ReadBytesAsync(importer, [], "empty.UKE");

        Assert.Empty(lines);
        Assert.Equal(["empty.UKE: the file is empty"], importer.Warnings);
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

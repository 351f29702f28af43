using Linkage.Client.Import;
using Linkage.Client.Import.Csv;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Csv;

/// <summary>Death certificates from the death CSV layout (UTF-8 with BOM, CRLF, RFC 4180 quoting).</summary>
public sealed class DeathCsvImporterTests
{
    private static IFeedImporter Importer() => FeedImporters.Create(FeedFormat.DeathCsv, Options());

    [Fact]
    public async Task A_certificate_maps_every_column()
    {
        var lines = await ReadFileAsync(Importer(), "death.csv");

        var death = Assert.Single(lines, l => l.Line == 2).Event!;
        var birth = new DateOnly(1950, 3, 14);
        Assert.Equal(Source, death.Source);
        Assert.Equal("D-2024-0001", death.RecordId);
        Assert.Equal(1, death.Version);
        Assert.Equal(EventKind.Death, death.Kind);
        Assert.Equal(new DateOnly(2024, 6, 1), death.Date);
        Assert.Equal(Tokenizer.Id2("サトウ ハナコ", birth, Sex.F), death.Subject.Id2);
        Assert.Equal("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", death.Subject.Id2);
        Assert.Null(death.Subject.Id1);
        Assert.Null(death.Subject.Mid);
        Assert.Equal("1950-03", death.Subject.Birth);
        Assert.Equal(Sex.F, death.Subject.Sex);
        Assert.Equal("13", death.Subject.Pref);
        var data = Assert.IsType<DeathData>(death.Data);
        Assert.Equal("I25.1", data.Underlying);
        Assert.Equal(new[] { "I21.9", "I25.1", "E11.9" }, data.Causes);
        Assert.Equal("hospital", data.Place);
    }

    [Fact]
    public async Task Hiragana_names_compact_dates_prefecture_names_and_undotted_codes_are_read()
    {
        var lines = await ReadFileAsync(Importer(), "death.csv");

        // The first row's quoted note spans two lines, so the second row starts on line 4.
        var death = Assert.Single(lines, l => l.Line == 4).Event!;
        Assert.Equal(Tokenizer.Id2("スズキ イチロウ", new DateOnly(1980, 1, 2), Sex.M), death.Subject.Id2);
        Assert.Equal("27", death.Subject.Pref);
        Assert.Equal(new DeathData { Underlying = "C34.9", Causes = ["C34.9"], Place = "home" }, death.Data);
    }

    [Fact]
    public async Task Bad_values_are_rejected_naming_the_column_and_the_other_rows_go_in()
    {
        var lines = await ReadFileAsync(Importer(), "death.csv");

        Assert.Equal("column 'cause_1b' value 'XYZ' is not an ICD-10 code", Assert.Single(lines, l => l.Line == 5).Reason);
        Assert.Equal("column 'death_date' 1939-12-31 is before 'birth_date' 1940-01-01", Assert.Single(lines, l => l.Line == 6).Reason);
        Assert.Equal("column 'kana_name' value is not written in kana (katakana or hiragana)", Assert.Single(lines, l => l.Line == 7).Reason);
        Assert.Equal(2, lines.Count(l => l.Event is not null));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_CSV_with_a_missing_column_is_rejected_naming_the_column()
    {
        var lines = await ReadFileAsync(Importer(), "death-missing-column.csv");

        var only = Assert.Single(lines);
        Assert.Equal(1, only.Line);
        Assert.Equal("header: missing column 'underlying' (see docs/formats.md); nothing was read", only.Reason);
    }

    [Fact]
    public async Task Columns_the_layout_does_not_use_are_named_in_a_warning()
    {
        var importer = Importer();
        await ReadFileAsync(importer, "death.csv");

        Assert.Contains("header: column 'note' not used", importer.Warnings);
    }

    [Fact]
    public async Task Rows_in_Shift_JIS_are_each_named_as_not_UTF8_and_the_UTF8_rows_still_go_in()
    {
        const string header = "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place\r\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(header + "D-1,サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,I21.9,1\r\n")
            .Concat(ShiftJis.GetBytes("D-2,サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,I21.9,1\r\n"))
            .Concat(System.Text.Encoding.UTF8.GetBytes("D-3,サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,I21.9,1\r\n"))
            .ToArray();

        var lines = await ReadBytesAsync(Importer(), bytes);

        Assert.Equal(new[] { 2, 4 }, lines.Where(l => l.IsEvent).Select(l => l.Line));
        Assert.Equal("field 2 holds bytes that are not UTF-8 (save the file as UTF-8)", Assert.Single(lines, l => l.Line == 3).Reason);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_or_an_unclosed_quote_is_named()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place\n" +
            "D-1,サトウ ハナコ,1950-03-14,2,13,2024-06-01\n" +
            "D-2,\"サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,I21.9,1\n");

        var lines = await ReadBytesAsync(Importer(), bytes);

        Assert.Equal("the row has 6 fields but the header has 13 columns", lines[0].Reason);
        Assert.Equal(3, lines[1].Line);
        Assert.Equal("the quoted field 2 opened on line 3 is never closed (is the file truncated?)", lines[1].Reason);
    }
}

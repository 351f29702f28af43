using Linkage.Client.Import;
using Linkage.Client.Import.Csv;

namespace Linkage.Tests.Import.Csv;

/// <summary>RFC 4180 reading: quotes, escaped quotes, line breaks inside quotes and the line each record starts on.</summary>
public sealed class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text, int? expectedFields = null, int maxRecordChars = CsvRecordReader.MaxRecordChars)
    {
        var records = new List<CsvRecord>();
        var reader = new CsvRecordReader(new StringReader(text), maxRecordChars) { ExpectedFields = expectedFields };
        await foreach (var record in reader.ReadAsync(CancellationToken.None)) records.Add(record);
        return records;
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_escaped_quotes_and_line_breaks()
    {
        var records = await ReadAsync("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\r\ny\",,z\r\n");

        Assert.Equal(new[] { "a", "b,c", "say \"hi\"" }, records[0].Fields);
        Assert.Equal(new[] { "x\r\ny", "", "z" }, records[1].Fields);
        Assert.Equal(new[] { 1, 2 }, records.Select(r => r.Line));
    }

    [Fact]
    public async Task Blank_lines_are_skipped_but_counted()
    {
        var records = await ReadAsync("a\n\nb\n");

        Assert.Equal(new[] { 1, 3 }, records.Select(r => r.Line));
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_a_problem_of_its_record()
    {
        var records = await ReadAsync("\"a\"b,c\n");

        Assert.Equal("field 1 has text after its closing quote", records[0].Problem);
    }

    [Fact]
    public async Task A_stray_quote_costs_only_its_line_and_the_rows_after_it_are_read()
    {
        var records = await ReadAsync("a,b,c\n1,\"x,3\n4,5,6\n7,8,9\n", expectedFields: 3);

        Assert.Equal(new[] { 1, 2, 3, 4 }, records.Select(r => r.Line));
        Assert.Equal("the quoted field 2 opened on line 2 is never closed (is the file truncated?)", records[1].Problem);
        Assert.Equal(new[] { "4", "5", "6" }, records[2].Fields);
        Assert.Equal(new[] { "7", "8", "9" }, records[3].Fields);
    }

    [Fact]
    public async Task A_quote_that_closes_on_a_later_line_with_the_wrong_field_count_costs_only_the_first_line()
    {
        var records = await ReadAsync("1,\"x,3\r\n4,5,\"6\"\r\n7,8,9\r\n", expectedFields: 3);

        Assert.Equal(new[] { 1, 2, 3 }, records.Select(r => r.Line));
        Assert.StartsWith("the record that starts here runs on to line 2 through a quoted field and ", records[0].Problem);
        Assert.Equal(new[] { "4", "5", "6" }, records[1].Fields);
        Assert.Null(records[1].Problem);
        Assert.Equal(new[] { "7", "8", "9" }, records[2].Fields);
    }

    [Fact]
    public async Task A_quoted_line_break_in_a_record_of_the_expected_field_count_is_kept()
    {
        var records = await ReadAsync("1,\"two\nlines\",3\n4,5,6\n", expectedFields: 3);

        Assert.Equal(new[] { "1", "two\nlines", "3" }, records[0].Fields);
        Assert.Equal((1, 2), (records[0].Line, records[0].LastLine));
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public async Task A_record_longer_than_the_bound_is_named_and_the_next_one_read()
    {
        var records = await ReadAsync("1,2,3\n" + new string('x', 5000) + "\n4,5,6\n", maxRecordChars: 1000);

        Assert.Equal(new[] { 1, 2, 3 }, records.Select(r => r.Line));
        Assert.Equal("the record is longer than 1000 characters: not read", records[1].Problem);
        Assert.Equal(new[] { "4", "5", "6" }, records[2].Fields);
    }

    [Fact]
    public async Task An_unclosed_quote_running_past_the_bound_costs_only_its_line()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},b,c\n"));
        var records = await ReadAsync("\"open,b,c\n" + rows, expectedFields: 3, maxRecordChars: 1000);

        Assert.Equal("the quoted field 1 opened on line 1 is not closed within 1000 characters", records[0].Problem);
        Assert.Equal(Enumerable.Range(2, 200), records.Skip(1).Select(r => r.Line));
        Assert.All(records.Skip(1), r => Assert.Null(r.Problem));
    }
}

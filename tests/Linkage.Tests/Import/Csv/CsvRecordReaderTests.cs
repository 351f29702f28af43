using Linkage.Client.Import;
using Linkage.Client.Import.Csv;

namespace Linkage.Tests.Import.Csv;

/// <summary>RFC 4180 reading: quotes, escaped quotes, line breaks inside quotes and the line each record starts on.</summary>
public sealed class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in new CsvRecordReader(new StringReader(text)).ReadAsync(CancellationToken.None)) records.Add(record);
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
}

using System.Text;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>Splitting an NDJSON body into lines: numbering, blank lines, line ends, bad lines among good ones, streaming.</summary>
public sealed class FeedReaderTests
{
    private const int MaxLineBytes = 1 << 20;

    private static readonly string Good = Line(Event("lab"));

    private static readonly string Kana = Line("lab", e => e["recordId"] = "さとう-はなこ-𠮷");

    [Fact]
    public async Task Blank_lines_are_skipped_but_counted()
    {
        var body = $"{Good}\n\n   \n{Kana}\n\t\r\n{{\n";

        var results = await ReadAllWays(body);

        Assert.Equal([1, 4, 6], results.Select(r => r.Line));
        Assert.True(results[0].IsAccepted);
        Assert.Equal("さとう-はなこ-𠮷", results[1].Event!.RecordId);
        Assert.Equal(6, results[2].Rejection!.Line);
    }

    [Fact]
    public async Task Crlf_and_lf_line_ends_are_both_accepted()
    {
        var body = $"{Good}\r\n{Kana}\n{Good}\r\n";

        var results = await ReadAllWays(body);

        Assert.Equal([1, 2, 3], results.Select(r => r.Line));
        Assert.All(results, r => Assert.True(r.IsAccepted, r.Rejection?.Reason));
    }

    [Fact]
    public async Task The_last_line_needs_no_line_end()
    {
        var results = await ReadAllWays($"{Good}\n{Kana}");

        Assert.Equal([1, 2], results.Select(r => r.Line));
        Assert.All(results, r => Assert.True(r.IsAccepted));
    }

    [Fact]
    public async Task An_empty_body_gives_no_results()
    {
        Assert.Empty(await ReadAllWays(""));
        Assert.Empty(await ReadAllWays("\n\r\n  \n"));
    }

    [Fact]
    public async Task One_bad_line_does_not_stop_the_rest()
    {
        var body = $"{Good}\n{{\"source\":\n{Line("lab", e => e["date"] = "2023-02-29")}\n[]\n{Kana}\n";

        var results = await ReadAllWays(body);

        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r.Line));
        Assert.Equal([true, false, false, false, true], results.Select(r => r.IsAccepted));
        Assert.StartsWith("malformed JSON: ", results[1].Rejection!.Reason);
        Assert.Equal("date: \"2023-02-29\" is not a real date (YYYY-MM-DD)", results[2].Rejection!.Reason);
        Assert.Equal(3, results[2].Rejection!.Line);
    }

    [Fact]
    public async Task A_line_of_invalid_utf8_is_rejected_and_the_others_go_in()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Good}\nxx\n{Kana}\n");
        var bad = Encoding.UTF8.GetByteCount(Good) + 1;
        bytes[bad] = (byte)'{';
        bytes[bad + 1] = 0xE3; // the start of a three-byte character cut short

        foreach (var results in await ReadBytesAllWays(bytes))
        {
            Assert.Equal([1, 2, 3], results.Select(r => r.Line));
            Assert.Equal([true, false, true], results.Select(r => r.IsAccepted));
            Assert.Equal("malformed JSON: invalid UTF-8 at byte 1", results[1].Rejection!.Reason);
        }
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_first_line_is_skipped()
    {
        var results = await ReadAllWays($"\uFEFF{Good}\n{Good}");

        Assert.All(results, r => Assert.True(r.IsAccepted, r.Rejection?.Reason));
    }

    [Fact]
    public async Task A_byte_order_mark_on_a_later_line_is_malformed()
    {
        var results = await ReadAllWays($"{Good}\n\uFEFF{Good}");

        Assert.Equal([true, false], results.Select(r => r.IsAccepted));
    }

    [Fact]
    public async Task A_line_of_the_longest_length_allowed_is_read_even_with_crlf()
    {
        var longest = Good + new string(' ', MaxLineBytes - Encoding.UTF8.GetByteCount(Good));

        var body = $"{longest}\r\n{Good}\r\n{longest}";

        var results = await ReadAllWays(body);

        Assert.Equal([1, 2, 3], results.Select(r => r.Line));
        Assert.All(results, r => Assert.True(r.IsAccepted, r.Rejection?.Reason));

        // A read that ends between the '\r' and the '\n' of the longest line must not make it too long.
        var cutAfterCr = new TrickleStream(Encoding.UTF8.GetBytes(body), int.MaxValue, MaxLineBytes + 1);
        Assert.All(await ToListAsync(FeedReader.ReadAsync(cutAfterCr)), r => Assert.True(r.IsAccepted, r.Rejection?.Reason));
    }

    [Fact]
    public async Task A_line_over_the_longest_length_is_rejected_and_the_next_lines_still_go_in()
    {
        var tooLong = Good + new string(' ', MaxLineBytes + 1 - Encoding.UTF8.GetByteCount(Good));
        var huge = new string('x', 3 * MaxLineBytes);

        var results = await ReadAllWays($"{tooLong}\n{Good}\n{huge}\r\n\n{Kana}\n{huge}");

        Assert.Equal([1, 2, 3, 5, 6], results.Select(r => r.Line));
        Assert.Equal([false, true, false, true, false], results.Select(r => r.IsAccepted));
        Assert.Equal($"line: longer than {MaxLineBytes} bytes", results[0].Rejection!.Reason);
        Assert.Equal($"line: longer than {MaxLineBytes} bytes", results[2].Rejection!.Reason);
    }

    [Fact]
    public async Task Many_lines_stream_through_in_order()
    {
        var body = new StringBuilder();
        for (var i = 1; i <= 5000; i++) body.Append(Line("lab", e => e["recordId"] = $"R-{i}")).Append('\n');

        var results = await ToListAsync(FeedReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()))));

        Assert.Equal(Enumerable.Range(1, 5000), results.Select(r => r.Line));
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => $"R-{i}"), results.Select(r => r.Event!.RecordId));
    }

    [Fact]
    public async Task Reading_a_stream_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var stream = new MemoryStream(Encoding.UTF8.GetBytes($"{Good}\n{Good}\n{Good}\n"));
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in FeedReader.ReadAsync(stream, cancellation.Token))
            {
                seen++;
                await cancellation.CancelAsync();
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public void Missing_input_is_refused_at_the_call()
    {
        Assert.Throws<ArgumentNullException>(() => FeedReader.Read((string)null!));
        Assert.Throws<ArgumentNullException>(() => FeedReader.ReadAsync(null!));
    }

    /// <summary>Reads the body as text, as bytes in memory, as streams of several read sizes, and as text lines parsed afterwards (the feed stream's way); all must agree.</summary>
    private static async Task<List<FeedLineResult>> ReadAllWays(string body)
    {
        var fromText = FeedReader.Read(body).ToList();
        foreach (var other in await ReadBytesAllWays(Encoding.UTF8.GetBytes(body)))
        {
            Assert.Equal(Describe(fromText), Describe(other));
        }

        return fromText;
    }

    private static async Task<List<List<FeedLineResult>>> ReadBytesAllWays(byte[] bytes)
    {
        var all = new List<List<FeedLineResult>> { FeedReader.Read(bytes).ToList() };
        var chunks = bytes.Length > 100_000 ? new[] { 4096, 65_537, int.MaxValue } : [1, 2, 3, 7, 4096];
        foreach (var chunk in chunks)
        {
            all.Add(await ToListAsync(FeedReader.ReadAsync(new TrickleStream(bytes, chunk))));
            all.Add(await ToListAsync(ParsedTextLines(new TrickleStream(bytes, chunk))));
        }

        return all;
    }

    private static async IAsyncEnumerable<FeedLineResult> ParsedTextLines(Stream stream)
    {
        await foreach (var line in FeedReader.ReadLinesAsync(stream))
        {
            yield return line.IsText ? FeedLineParser.Parse(line.Text, line.Line) : new FeedLineResult(line.Line, null, line.Rejection);
        }
    }

    private static IEnumerable<string> Describe(IEnumerable<FeedLineResult> results) =>
        results.Select(r => r.IsAccepted ? $"{r.Line} {FeedEventJson.ToJson(r.Event)}" : $"{r.Line} {r.Rejection!.Line} {r.Rejection.Reason}");

    private static async Task<List<FeedLineResult>> ToListAsync(IAsyncEnumerable<FeedLineResult> results)
    {
        var list = new List<FeedLineResult>();
        await foreach (var result in results) list.Add(result);
        return list;
    }
}

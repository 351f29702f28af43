using System.Buffers;
using System.Runtime.CompilerServices;

namespace Linkage.Feeds;

/// <summary>
/// Splits an events-v1 NDJSON body into lines and parses each. Lines end with <c>\n</c> or <c>\r\n</c>; they are
/// numbered from 1 over all lines, blank ones (nothing but spaces and tabs) included, though blank lines give no result.
/// A bad line gives a rejection and the next lines still go in. A UTF-8 byte order mark before the first line is skipped.
/// </summary>
public static class FeedReader
{
    /// <summary>
    /// The longest line taken, in UTF-8 bytes: it bounds the memory a stream needs. Far above any real event
    /// (a receipt with a thousand drugs is some 50 KB); a longer line is rejected and skipped.
    /// </summary>
    internal const int MaxLineBytes = 1 << 20;

    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>Reads a stream line by line, holding at most about two maximal lines in memory.</summary>
    public static IAsyncEnumerable<FeedLineResult> ReadAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return ReadStreamAsync(utf8, cancellationToken);
    }

    /// <summary>Reads a UTF-8 body already in memory.</summary>
    public static IEnumerable<FeedLineResult> Read(ReadOnlyMemory<byte> utf8)
    {
        var lineNumber = 0;
        var start = 0;
        while (start < utf8.Length)
        {
            var length = utf8.Span[start..].IndexOf((byte)'\n');
            if (length < 0) length = utf8.Length - start;
            lineNumber++;
            var hasResult = TryReadLine(utf8.Span.Slice(start, length), lineNumber, out var result);
            start += length + 1;
            if (hasResult) yield return result;
        }
    }

    /// <summary>Reads a body given as text.</summary>
    public static IEnumerable<FeedLineResult> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadText(text);
    }

    internal static FeedLineResult TooLong(int lineNumber) =>
        FeedLineResult.Rejected(lineNumber, $"line: longer than {MaxLineBytes} bytes");

    private static IEnumerable<FeedLineResult> ReadText(string text)
    {
        var lineNumber = 0;
        var start = 0;
        while (start < text.Length)
        {
            var length = text.AsSpan(start).IndexOf('\n');
            if (length < 0) length = text.Length - start;
            lineNumber++;
            var hasResult = TryReadLine(text.AsSpan(start, length), lineNumber, out var result);
            start += length + 1;
            if (hasResult) yield return result;
        }
    }

    /// <summary>
    /// Splits a stream into lines by this reader's rules (line ends, byte order mark, blank lines, the longest line)
    /// without parsing them: each non-blank line as text, or rejected when it is too long or not UTF-8, with the
    /// reason the parser gives. For carrying lines elsewhere (the feed stream) to be parsed there.
    /// </summary>
    public static IAsyncEnumerable<FeedTextLine> ReadLinesAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return ReadStreamAsync(utf8, TryReadText, n => new FeedTextLine(n, null, TooLong(n).Rejection), cancellationToken);
    }

    private delegate bool LineReader<T>(ReadOnlySpan<byte> line, int lineNumber, out T result);

    private static IAsyncEnumerable<FeedLineResult> ReadStreamAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadStreamAsync<FeedLineResult>(stream, TryReadLine, TooLong, cancellationToken);

    private static async IAsyncEnumerable<T> ReadStreamAsync<T>(
        Stream stream, LineReader<T> readLine, Func<int, T> tooLong, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            // buffer[start..end] holds bytes not yet parsed; buffer[start..scanned] is known to hold no '\n'.
            int start = 0, scanned = 0, end = 0, lineNumber = 0;
            bool endOfStream = false, skippingLongLine = false;
            while (true)
            {
                var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    newline += scanned;
                    lineNumber++;
                    var lineStart = start;
                    start = scanned = newline + 1;
                    if (skippingLongLine)
                    {
                        // Its rejection went out when it grew too long.
                        skippingLongLine = false;
                        continue;
                    }

                    if (readLine(buffer.AsSpan(lineStart, newline - lineStart), lineNumber, out var result))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return result;
                    }

                    continue;
                }

                scanned = end;
                if (endOfStream)
                {
                    if (end > start && !skippingLongLine && readLine(buffer.AsSpan(start, end - start), lineNumber + 1, out var last))
                    {
                        yield return last;
                    }

                    yield break;
                }

                // One byte of slack for the '\r' of a line that is exactly as long as allowed.
                if (!skippingLongLine && end - start > MaxLineBytes + 1)
                {
                    skippingLongLine = true;
                    yield return tooLong(lineNumber + 1);
                }

                if (skippingLongLine)
                {
                    start = scanned = end = 0;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0) endOfStream = true;
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses one line without its '\n'; false for a blank line, which gives no result.</summary>
    private static bool TryReadLine(ReadOnlySpan<byte> line, int lineNumber, out FeedLineResult result)
    {
        result = default;
        if (!TryTrim(ref line, lineNumber)) return false;
        result = line.Length > MaxLineBytes ? TooLong(lineNumber) : FeedLineParser.Parse(line, lineNumber);
        return true;
    }

    /// <summary>One line without its '\n' as text, or its rejection when it cannot be carried as text; false for a blank line.</summary>
    private static bool TryReadText(ReadOnlySpan<byte> line, int lineNumber, out FeedTextLine result)
    {
        result = default;
        if (!TryTrim(ref line, lineNumber)) return false;
        if (line.Length > MaxLineBytes) result = new FeedTextLine(lineNumber, null, TooLong(lineNumber).Rejection);
        else if (!System.Text.Unicode.Utf8.IsValid(line)) result = new FeedTextLine(lineNumber, null, FeedLineParser.Parse(line, lineNumber).Rejection);
        else result = new FeedTextLine(lineNumber, System.Text.Encoding.UTF8.GetString(line), null);
        return true;
    }

    /// <summary>Drops a line's '\r' and, on the first line, a byte order mark; false when nothing but blanks is left.</summary>
    private static bool TryTrim(ref ReadOnlySpan<byte> line, int lineNumber)
    {
        if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        return line.IndexOfAnyExcept(" \t\r"u8) >= 0;
    }

    /// <summary>The same for a line of text.</summary>
    private static bool TryReadLine(ReadOnlySpan<char> line, int lineNumber, out FeedLineResult result)
    {
        if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
        if (lineNumber == 1 && line.StartsWith('\uFEFF')) line = line[1..];
        result = default;
        if (line.IndexOfAnyExcept(" \t\r") < 0) return false;

        // Every character is at least one UTF-8 byte, so a line this long is too long whatever it holds.
        result = line.Length > MaxLineBytes ? TooLong(lineNumber) : FeedLineParser.Parse(line, lineNumber, MaxLineBytes);
        return true;
    }
}

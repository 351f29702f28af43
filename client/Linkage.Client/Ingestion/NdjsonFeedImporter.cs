using System.Runtime.CompilerServices;
using Linkage.Client.Import;
using Linkage.Feeds;

namespace Linkage.Client.Ingestion;

/// <summary>
/// events-v1 NDJSON as an <see cref="IFeedImporter"/>: each line through <see cref="FeedReader"/>, so a bad line is
/// named before anything is sent, with the same reason the API would give.
/// </summary>
/// <remarks>
/// Lines carry their own source. When <c>source</c> is given, a line of another source is rejected: it guards an
/// operator against sending another feed's file by mistake; leave it out for a file that mixes sources.
/// </remarks>
public sealed class NdjsonFeedImporter : IFeedImporter
{
    private readonly string? _source;

    /// <exception cref="ArgumentException"><paramref name="source"/> is not a feed id.</exception>
    public NdjsonFeedImporter(string? source = null)
    {
        if (source is not null && !FeedFormats.IsSource(source))
        {
            throw new ArgumentException($"source '{source}' is not a feed id ([a-z0-9][a-z0-9-]{{0,63}})", nameof(source));
        }

        _source = source;
    }

    private readonly SkippedLineTally _skipped = new();

    public IReadOnlyList<string> Warnings => [];

    public IReadOnlyList<SkippedLines> Skipped => _skipped.All;

    public async IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, [EnumeratorCancellation] CancellationToken ct)
    {
        // FeedReader numbers every line but gives blank ones no result: the gaps between results are blank lines.
        var counted = new LineCountingStream(input);
        var next = 1;
        await foreach (var line in FeedReader.ReadAsync(counted, ct))
        {
            _skipped.Add(fileName, "blank line", line.Line - next);
            next = line.Line + 1;
            yield return line.Event is { } e && _source is not null && e.Source != _source
                ? ImportedLine.Rejected(fileName, line.Line, $"source: '{e.Source}' is not the source being sent ('{_source}')")
                : ImportedLine.Parsed(fileName, line);
        }

        _skipped.Add(fileName, "blank line", (int)(counted.Lines - next + 1));
    }
}

using System.Buffers;
using System.Text;
using Linkage.Feeds;

namespace Linkage.Client.Ingestion;

/// <summary>The events of one POST as NDJSON, and the input line each of its lines came from.</summary>
/// <remarks>One event per line and no blank lines, so line N of the body (as the API numbers it) is the Nth event added.</remarks>
internal sealed class IngestBatch
{
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly List<(string File, int Line, int Lines)> _origins = [];

    public int Count => _origins.Count;

    public int Bytes => _body.WrittenCount;

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <param name="lines">The input lines the event answers for (<see cref="Import.ImportedLine.Lines"/>).</param>
    public void Add(string file, int line, FeedEvent feedEvent, int lines = 1)
    {
        if (_origins.Count > 0) _body.Write("\n"u8);
        Encoding.UTF8.GetBytes(FeedEventJson.ToJson(feedEvent), _body);
        _origins.Add((file, line, lines));
    }

    /// <summary>The input file and line of the body's line <paramref name="bodyLine"/> (1-based), and the lines it answers for; null when it has none.</summary>
    public (string File, int Line, int Lines)? Origin(int bodyLine) => bodyLine >= 1 && bodyLine <= _origins.Count ? _origins[bodyLine - 1] : null;

    public void Clear()
    {
        _body.Clear();
        _origins.Clear();
    }
}

using System.Diagnostics;
using Linkage.Client.Http;
using Linkage.Client.Import;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Client.Ingestion;

/// <summary>The running counts of one run over one input, turned into progress and, at the end, the report and rejects files.</summary>
internal sealed class IngestionTally(IngestionInput input, bool toStream)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimeSpan> _batchTimes = [];
    private readonly Dictionary<string, int> _lastLine = new(StringComparer.Ordinal);
    private readonly List<FeedRejection> _rejections = [];
    private readonly Dictionary<string, (long Sent, long Rejected)> _files = new(StringComparer.Ordinal);
    private long _rawLines;

    public long LinesRead { get; private set; }

    public int Events { get; private set; }

    public int Sent { get; private set; }

    public int Accepted { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>Lines the API dropped because their person opted out.</summary>
    public int OptedOut { get; private set; }

    public int Batches { get; private set; }

    private int _retries;

    /// <summary>Batches sent again after a 503; counted by the sends themselves, on their own threads.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public void Retried() => Interlocked.Increment(ref _retries);

    /// <summary>The file rejects of lines without a file name go to.</summary>
    private string DefaultFile => input.Files.Count > 0 ? input.Files[0] : input.Name;

    /// <summary>Counts what the importer made of one place in the input; returns the file it belongs to.</summary>
    public string Read(ImportedLine line)
    {
        var file = line.File ?? DefaultFile;
        var last = _lastLine.GetValueOrDefault(file);
        if (line.Line > last)
        {
            // Line numbers run ahead (UKE names a receipt by its RE line) and, for FHIR, restart per file.
            LinesRead += line.Line - last;
            _lastLine[file] = line.Line;
        }

        var (sent, rejected) = _files.GetValueOrDefault(file);
        if (line.Event is not null)
        {
            Events++;
            _files[file] = (sent + line.Lines, rejected);
        }
        else
        {
            _rejections.Add(line.Rejection!.File is null ? line.Rejection with { File = file } : line.Rejection);
            _files[file] = (sent, rejected + line.Lines);
        }

        return file;
    }

    public void Reject(string file, int line, string reason) => _rejections.Add(new FeedRejection { File = file, Line = line, Reason = reason });

    /// <summary>Counts the API's answer to a batch, its rejected lines mapped back to the input's lines, and the time it took.</summary>
    public void Answered(IngestBatch batch, IngestAnswer result, TimeSpan took)
    {
        Batches++;
        _batchTimes.Add(took);
        Sent += batch.Count;
        Accepted += result.Accepted;
        Duplicates += result.Duplicates;
        OptedOut += result.OptedOut;
        foreach (var rejected in result.Rejected)
        {
            if (batch.Origin(rejected.Line) is var (file, line, lines))
            {
                Reject(file, line, rejected.Reason);
                var (sent, rejectedLines) = _files.GetValueOrDefault(file);
                _files[file] = (sent - lines, rejectedLines + lines);
            }
            else Reject(DefaultFile, 0, $"line {rejected.Line} of a batch of {batch.Count}: {rejected.Reason}");
        }
    }

    /// <summary>Counts what the feed stream took so far; raw events-v1 files count their lines as they are published.</summary>
    public void Published(int batches, long lines, bool raw)
    {
        Batches = batches;
        Sent = (int)Math.Min(lines, int.MaxValue);
        if (raw) _rawLines = lines;
    }

    /// <summary>How far the run has come; a send waiting to retry calls it too, so it only reads counters.</summary>
    public IngestionProgress Progress() => new(
        input.Name,
        LinesRead + _rawLines,
        Events,
        Sent,
        Accepted,
        Duplicates,
        _rejections.Count,
        Retries,
        input.BytesRead,
        input.TotalBytes,
        _clock.Elapsed);

    /// <summary>Writes the rejects file of each input file (removing stale ones) and makes the report.</summary>
    public async Task<IngestionReport> FinishAsync(string? failure, CancellationToken cancellationToken)
    {
        var byFile = _rejections.ToLookup(r => r.File!, StringComparer.Ordinal);
        var written = new List<string>();
        foreach (var file in input.Files.Union(byFile.Select(g => g.Key), StringComparer.Ordinal))
        {
            if (await RejectsFile.WriteAsync(file, byFile[file], cancellationToken) is { } path) written.Add(path);
        }

        var files = LinesOfFiles();
        return new IngestionReport
        {
            Input = input.Name,
            ToStream = toStream,

            // Every line the importer answered for, where it says; the last line it named otherwise.
            LinesRead = Math.Max(LinesRead + _rawLines, files.Sum(f => f.Lines)),
            Events = Events,
            Batches = Batches,
            Sent = Sent,
            Accepted = Accepted,
            Duplicates = Duplicates,
            OptedOut = OptedOut,
            Retries = Retries,
            BatchTimes = [.. _batchTimes],
            Rejections = [.. _rejections],
            RejectsFiles = written,
            Failure = failure,
            Files = files,
        };
    }

    /// <summary>Every file's lines: what the importer made of them, moved to rejected where the API rejected their events.</summary>
    private List<FileLines> LinesOfFiles()
    {
        var skipped = input.Importer?.Skipped.ToLookup(s => s.File, StringComparer.Ordinal);
        return [.. input.Files.Union(_files.Keys, StringComparer.Ordinal).Select(file =>
        {
            var (sent, rejected) = _files.GetValueOrDefault(file);

            // events-v1 NDJSON published as it is: the stream's ledger judges its lines, here they were all sent.
            if (_rawLines > 0 && input.Files.Count == 1) sent = _rawLines;
            return new FileLines { File = file, IntoEvents = sent, Rejected = rejected, SkippedLines = skipped is null ? [] : [.. skipped[file]] };
        })];
    }
}

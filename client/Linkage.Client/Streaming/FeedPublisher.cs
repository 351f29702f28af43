using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Linkage.Feeds;
using Linkage.Ingest;
using Orleans.Runtime;
using Orleans.Streams;

namespace Linkage.Client.Streaming;

/// <summary>Publishes feed files to the feed stream as an Orleans client, in packed batches of lines.</summary>
/// <remarks>
/// Valid lines travel as they are (packed, <see cref="FeedBatchPacking"/>) and are validated again in the cluster; a
/// line core's parser rejects travels as its rejection only, which the cluster records in the source's ledger: a line
/// that is not a valid event may hold what events-v1 never carries (a raw name or medical id put in a token field by
/// mistake), and it never reaches a queue. Batches are spread over several streams of the source so that several
/// consumers work in parallel; the batches of one stream go out together with <c>OnNextBatchAsync</c>, one queue
/// message holding as many as fit, which is what makes queue streams fast.
/// </remarks>
public sealed class FeedPublisher(IClusterClient client, FeedPublisherOptions options)
{
    private readonly IStreamProvider _streams = client.GetStreamProvider(FeedStream.ProviderName);
    private readonly FeedPublisherOptions _options = options;

    /// <summary>Publishes every line of a UTF-8 NDJSON stream, split and numbered as the HTTP API does (core's <see cref="FeedReader"/>).</summary>
    public async Task<FeedPublication> PublishAsync(
        string source, string fileName, Stream utf8, IProgress<FeedPublication>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = new Run(this, source, fileName, cancellationToken);
        var batch = new PendingBatch();
        await foreach (var line in FeedReader.ReadLinesAsync(utf8, cancellationToken))
        {
            // Blank lines travel too, so that a batch's lines stay consecutive and keep their numbers.
            while (batch.NextLine <= line.Line)
            {
                if (batch.NextLine < line.Line) batch.Add(string.Empty);
                else if (!line.IsText) batch.Reject(line.Rejection);
                else if (FeedLineParser.Parse(line.Text, line.Line).Rejection is { } rejection) batch.Reject(rejection);
                else batch.Add(line.Text);

                if (batch.Lines.Count >= _options.BatchLines || batch.Chars >= _options.BatchChars)
                {
                    var (firstLine, lines, rejected) = batch.Drain();
                    await run.AddAsync(firstLine, lines, rejected);
                    progress?.Report(run.Sent);
                }
            }
        }

        if (batch.Lines.Count > 0)
        {
            var (firstLine, lines, rejected) = batch.Drain();
            await run.AddAsync(firstLine, lines, rejected);
        }

        await run.FinishAsync();
        progress?.Report(run.Sent);
        return run.Sent;
    }

    private static string Checksum(ImmutableArray<string> lines, ImmutableArray<FeedRejection> rejected)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }

        foreach (var rejection in rejected) hash.AppendData(Encoding.UTF8.GetBytes($"{rejection.Line}:{rejection.Reason}\n"));
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 8);
    }

    private static async Task SendWithBackoff(IAsyncStream<FeedBatch> stream, IReadOnlyList<FeedBatch> batches, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                await stream.OnNextBatchAsync(batches);
                return;
            }
            catch (InvalidOperationException) when (delay < TimeSpan.FromSeconds(30))
            {
                // A full memory queue refuses new events: wait and send again, slower each time.
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    /// <summary>One file's publication: batches packed, gathered per stream into messages, a few messages in flight.</summary>
    private sealed class Run(FeedPublisher publisher, string source, string fileName, CancellationToken cancellationToken)
    {
        private readonly Dictionary<int, (List<FeedBatch> Batches, int Bytes)> _pending = [];
        private readonly Queue<Task> _inFlight = new();

        public FeedPublication Sent { get; private set; }

        private FeedPublisherOptions Options => publisher._options;

        public async Task AddAsync(int firstLine, ImmutableArray<string> lines, ImmutableArray<FeedRejection> rejected)
        {
            var packed = FeedBatchPacking.Pack(lines);
            var size = WireBytes(packed, rejected) + BatchEnvelopeBytes + 2 * (fileName.Length + 32);
            if (size > Options.MessageBytes && lines.Length > 1)
            {
                // Too big for one message even packed: in halves, each with its own id, first line and rejections.
                var half = lines.Length / 2;
                var split = firstLine + half;
                await AddAsync(firstLine, lines[..half], [.. rejected.Where(r => r.Line < split)]);
                await AddAsync(split, lines[half..], [.. rejected.Where(r => r.Line >= split)]);
                return;
            }

            var batch = new FeedBatch
            {
                // The same lines give the same id on a re-run, so the ledger does not count them twice.
                BatchId = $"{fileName}:{firstLine}:{Checksum(lines, rejected)}",
                File = fileName,
                FirstLine = firstLine,
                PackedLines = packed,
                PackedCount = lines.Length,
                Rejected = rejected,
            };
            var partition = Sent.Batches % Options.StreamsPerSource;
            Sent = Sent with { Batches = Sent.Batches + 1, Lines = Sent.Lines + lines.Length };
            var (batches, bytes) = _pending.GetValueOrDefault(partition, ([], 0));
            if (batches.Count > 0 && bytes + size > Options.MessageBytes)
            {
                await SendAsync(partition, batches);
                (batches, bytes) = ([], 0);
            }

            _pending[partition] = ([.. batches, batch], bytes + size);
        }

        /// <summary>A batch's own fields on the wire besides its lines, file and id (type, line numbers, counts), generously.</summary>
        private const int BatchEnvelopeBytes = 64;

        /// <summary>A batch's size on the wire, at most: its packed lines and its rejections, which travel unpacked.</summary>
        private static int WireBytes(byte[] packed, ImmutableArray<FeedRejection> rejected)
        {
            var size = packed.Length;
            foreach (var rejection in rejected) size += 16 + Encoding.UTF8.GetMaxByteCount(rejection.Reason.Length);
            return size;
        }

        public async Task FinishAsync()
        {
            foreach (var (partition, (batches, _)) in _pending) await SendAsync(partition, batches);
            _pending.Clear();
            while (_inFlight.Count > 0) await _inFlight.Dequeue();
        }

        private async Task SendAsync(int partition, List<FeedBatch> batches)
        {
            var stream = publisher._streams.GetStream<FeedBatch>(StreamId.Create(FeedStream.Namespace, FeedStream.Key(source, partition)));
            Sent = Sent with { Messages = Sent.Messages + 1 };
            _inFlight.Enqueue(SendWithBackoff(stream, batches, cancellationToken));
            if (_inFlight.Count >= Options.MessagesInFlight) await _inFlight.Dequeue();
        }
    }

    /// <summary>The lines of the batch being filled, numbered from its first.</summary>
    private sealed class PendingBatch
    {
        private readonly ImmutableArray<FeedRejection>.Builder _rejected = ImmutableArray.CreateBuilder<FeedRejection>();
        private int _firstLine = 1;

        public ImmutableArray<string>.Builder Lines { get; } = ImmutableArray.CreateBuilder<string>();

        public int Chars { get; private set; }

        /// <summary>The number the next line added gets.</summary>
        public int NextLine => _firstLine + Lines.Count;

        public void Add(string line)
        {
            Lines.Add(line);
            Chars += line.Length;
        }

        public void Reject(FeedRejection rejection)
        {
            _rejected.Add(rejection);
            Lines.Add(string.Empty);
        }

        public (int FirstLine, ImmutableArray<string> Lines, ImmutableArray<FeedRejection> Rejected) Drain()
        {
            var drained = (_firstLine, Lines.DrainToImmutable(), _rejected.DrainToImmutable());
            _firstLine += drained.Item2.Length;
            Chars = 0;
            return drained;
        }
    }
}

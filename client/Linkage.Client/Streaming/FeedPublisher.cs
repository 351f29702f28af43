using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Linkage.Ingest;
using Orleans.Runtime;
using Orleans.Streams;

namespace Linkage.Client.Streaming;

/// <summary>Publishes feed files to the feed stream as an Orleans client, in packed batches of lines.</summary>
/// <remarks>
/// Lines travel raw (packed, <see cref="FeedBatchPacking"/>) and are validated in the cluster, which records bad
/// ones in the source's ledger. Batches are spread over several streams of the source so that several consumers work
/// in parallel; the batches of one stream go out together with <c>OnNextBatchAsync</c>, one queue message holding as
/// many as fit, which is what makes queue streams fast.
/// </remarks>
public sealed class FeedPublisher(IClusterClient client, FeedPublisherOptions options)
{
    private readonly IStreamProvider _streams = client.GetStreamProvider(FeedStream.ProviderName);
    private readonly FeedPublisherOptions _options = options;

    /// <summary>Publishes every line of a UTF-8 NDJSON stream.</summary>
    public async Task<FeedPublication> PublishAsync(
        string source, string fileName, Stream utf8, IProgress<FeedPublication>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = new Run(this, source, fileName, cancellationToken);
        using var reader = new StreamReader(utf8, new UTF8Encoding(false, throwOnInvalidBytes: false));
        var lines = new List<string>();
        var chars = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            lines.Add(line);
            chars += line.Length;
            if (lines.Count >= _options.BatchLines || chars >= _options.BatchChars)
            {
                await run.AddAsync(lineNumber - lines.Count + 1, lines);
                lines = [];
                chars = 0;
                progress?.Report(run.Sent);
            }
        }

        if (lines.Count > 0) await run.AddAsync(lineNumber - lines.Count + 1, lines);
        await run.FinishAsync();
        progress?.Report(run.Sent);
        return run.Sent;
    }

    private static string Checksum(IReadOnlyList<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }

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

        public async Task AddAsync(int firstLine, IReadOnlyList<string> lines)
        {
            var packed = FeedBatchPacking.Pack(lines);
            if (packed.Length > Options.MessageBytes && lines.Count > 1)
            {
                // Too big for one message even packed: in halves, each with its own id and first line.
                var half = lines.Count / 2;
                await AddAsync(firstLine, [.. lines.Take(half)]);
                await AddAsync(firstLine + half, [.. lines.Skip(half)]);
                return;
            }

            var batch = new FeedBatch
            {
                // The same lines give the same id on a re-run, so the ledger does not count them twice.
                BatchId = $"{fileName}:{firstLine}:{Checksum(lines)}",
                File = fileName,
                FirstLine = firstLine,
                PackedLines = packed,
                PackedCount = lines.Count,
            };
            var partition = Sent.Batches % Options.StreamsPerSource;
            Sent = Sent with { Batches = Sent.Batches + 1, Lines = Sent.Lines + lines.Count };
            var (batches, bytes) = _pending.GetValueOrDefault(partition, ([], 0));
            if (batches.Count > 0 && bytes + packed.Length > Options.MessageBytes)
            {
                await SendAsync(partition, batches);
                (batches, bytes) = ([], 0);
            }

            _pending[partition] = ([.. batches, batch], bytes + packed.Length);
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
}

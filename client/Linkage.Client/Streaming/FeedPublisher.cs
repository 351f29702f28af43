using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Linkage.Feeds;
using Linkage.Ingest;
using Orleans.Runtime;
using Orleans.Streams;

namespace Linkage.Client.Streaming;

/// <summary>Publishes feed files to the feed stream as an Orleans client, in batches of lines.</summary>
/// <remarks>
/// Valid lines travel as they are and are validated again in the cluster; a line core's parser rejects travels as
/// its rejection only, which the cluster records in the source's ledger: a line that is not a valid event may hold
/// what events-v1 never carries (a raw name or medical id put in a token field by mistake), and it never reaches a
/// queue. Batches are spread over several streams of the source so that several consumers work in parallel; one
/// queue message carries one batch, which is what makes queue streams fast.
/// </remarks>
public sealed class FeedPublisher(IClusterClient client, FeedPublisherOptions options)
{
    private readonly IStreamProvider _streams = client.GetStreamProvider(FeedStream.ProviderName);

    /// <summary>Publishes every line of a UTF-8 NDJSON stream, split and numbered as the HTTP API does (core's <see cref="FeedReader"/>).</summary>
    public async Task<FeedPublication> PublishAsync(
        string source, string fileName, Stream utf8, IProgress<FeedPublication>? progress = null, CancellationToken cancellationToken = default)
    {
        var batch = new PendingBatch();
        var sent = new FeedPublication(0, 0);
        await foreach (var line in FeedReader.ReadLinesAsync(utf8, cancellationToken))
        {
            // Blank lines travel too, so that a batch's lines stay consecutive and keep their numbers.
            while (batch.NextLine <= line.Line)
            {
                if (batch.NextLine < line.Line) batch.Add(string.Empty);
                else if (!line.IsText) batch.Reject(line.Rejection);
                else if (FeedLineParser.Parse(line.Text, line.Line).Rejection is { } rejection) batch.Reject(rejection);
                else batch.Add(line.Text);

                if (batch.Lines.Count >= options.BatchLines || batch.Chars >= options.BatchChars)
                {
                    sent = await Send(source, fileName, batch, sent, cancellationToken);
                    progress?.Report(sent);
                }
            }
        }

        if (batch.Lines.Count > 0) sent = await Send(source, fileName, batch, sent, cancellationToken);
        progress?.Report(sent);
        return sent;
    }

    private async Task<FeedPublication> Send(string source, string fileName, PendingBatch pending, FeedPublication sent, CancellationToken cancellationToken)
    {
        var (firstLine, lines, rejected) = pending.Drain();
        var batch = new FeedBatch
        {
            // The same lines give the same id on a re-run, so the ledger does not count them twice.
            BatchId = $"{fileName}:{firstLine}:{Checksum(lines, rejected)}",
            File = fileName,
            FirstLine = firstLine,
            Lines = lines,
            Rejected = rejected,
        };
        var partition = sent.Batches % options.StreamsPerSource;
        var stream = _streams.GetStream<FeedBatch>(StreamId.Create(FeedStream.Namespace, FeedStream.Key(source, partition)));
        await SendWithBackoff(stream, batch, cancellationToken);
        return new FeedPublication(sent.Batches + 1, sent.Lines + lines.Length);
    }

    private static async Task SendWithBackoff(IAsyncStream<FeedBatch> stream, FeedBatch batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                await stream.OnNextAsync(batch);
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

using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Ingestion;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Import;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers.Streams.AzureQueue;
using Orleans.Serialization;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Linkage.ClusterTests.Privacy;

/// <summary>
/// A cluster of its own whose every log line is captured, on the Azure Queue stream, with silos that leave the feed
/// queues unread: what the stream carries stays in the queues for the scan to read.
/// </summary>
public sealed class PrivacyScanFixture : LinkageClusterFixture
{
    protected override string StreamTransport => "AzureQueue";

    protected override void Configure(TestClusterBuilder builder)
    {
        builder.AddSiloBuilderConfigurator<CapturedLogs>();
        builder.AddSiloBuilderConfigurator<FeedQueuesLeftUnread>();
    }

    /// <summary>The feed stream's pulling agents look at their queues once an hour: published batches wait there.</summary>
    public sealed class FeedQueuesLeftUnread : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.Configure<StreamPullingAgentOptions>(FeedStream.ProviderName, o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromHours(1));
    }
}

/// <summary>
/// No raw identifier is stored, logged or answered: files of every importer carrying known names, a medical id and
/// insurance numbers go in over HTTP and the feed stream, and every table entity, blob, queue message (all of them, read
/// in pages), HTTP answer the test got and log line of the cluster is searched for them (as UTF-8, UTF-16, Shift_JIS, JSON and URL escapes, full- and half-width, with and
/// without spaces); the tokens made from them are found, so the search reads what is stored.
/// </summary>
public sealed class PrivacyScanTests(PrivacyScanFixture fixture, ITestOutputHelper output) : IClassFixture<PrivacyScanFixture>, IDisposable
{
    private const string KanaName = "ミナミカワ　トモヨ";
    private const string KanjiName = "南川　知世";
    private const string MedicalId = "MRN-PRIV-7391-5522";
    private const string Insurer = "39139991";
    private const string Symbol = "ＰＲＩＶ７７";
    private const string Number = "８４７２６１５";
    private const string MidSystem = "urn:linkage-test:medical-id";

    private static readonly DateOnly Birth = new(1950, 3, 14);

    /// <summary>Single-line batches published to one stream, a message each, so one queue holds more than a peek's 32 messages.</summary>
    private const int FillerMessages = 40;

    /// <summary>The raw identifiers, and the parts of them that would betray them.</summary>
    private static readonly string[] Raw = [KanaName, KanjiName, "ミナミカワ", "トモヨ", "南川", "知世", MedicalId, "7391-5522", Insurer, Symbol, Number];

    private readonly ImportScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task No_raw_name_medical_id_or_insurance_number_is_in_any_table_blob_queue_message_HTTP_answer_or_log_line()
    {
        var answers = new HttpAnswers();
        var front = (await LinkageHttpFront.StartAsync(fixture.Cluster)).RecordingInto(answers);
        var fhir = FhirMappingOptions.JpCore with { MidSystems = [MidSystem] };
        var files = new (FeedFormat Format, string Path)[]
        {
            (FeedFormat.Uke, WriteUke()),
            (FeedFormat.Fhir, WriteFhir()),
            (FeedFormat.DeathCsv, Write("death.csv", Encoding.UTF8)),
            (FeedFormat.MaternalCsv, Write("maternal.csv", Encoding.UTF8)),
            (FeedFormat.Ndjson, WriteNdjson()),
        };

        // More messages on one queue than a peek shows (32): the scan must page through them all.
        var filler = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 1, StreamsPerSource = 1, MessageBytes = 1 });
        var fillerLines = Enumerable.Range(0, FillerMessages).Select(i => FeedEventJson.ToJson(SampleEvents.Lab(_scratch.Source + "-filler", $"f{i}", 1, SampleEvents.NewMid())));
        Assert.Equal(FillerMessages, (await filler.PublishAsync(_scratch.Source + "-filler", "filler.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', fillerLines))))).Messages);

        var accepted = new List<string>();
        foreach (var (format, path) in files)
        {
            var input = Assert.Single(IngestionInput.Of(_scratch.Importer(format, fhir), [path]));
            var report = await new FeedIngestion(new ApiIngestSender(new Linkage.Client.Http.LinkageApiClient(front.Client(LinkageHttpFront.OperatorKey)))).IngestAsync(input);
            Assert.True(report.Accepted > 0, $"{format}: nothing was accepted, so nothing of it could be searched for: {string.Join("; ", report.Rejections.Select(r => r.Reason))}");
            accepted.Add($"{format} {report.Accepted}");

            var streamed = await new FeedStreamIngestion(new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions())).PublishAsync(_scratch.Source + "-stream", Assert.Single(IngestionInput.Of(_scratch.Importer(format, fhir), [path])));
            Assert.Null(streamed.Failure);
        }

        // Reads that are audited, so that the audit table holds what they asked for.
        var tokens = _scratch.Tokenizer;
        var id1 = tokens.Id1(Insurer, Symbol, Number, "01", Birth, Linkage.Feeds.Sex.F);
        var mid = tokens.Mid(MedicalId);
        Assert.NotEmpty((await front.PersonAsync(id1)).Records);
        Assert.NotEmpty((await front.PersonAsync(mid)).Records);
        using (var links = await front.Client(LinkageHttpFront.AdminKey).GetAsync("/api/v1/links")) Assert.Equal(HttpStatusCode.OK, links.StatusCode);

        var stored = await StoredAsync();
        using (var metrics = await front.Client(LinkageHttpFront.OperatorKey).GetAsync("/metrics")) Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var http = answers.All;
        var logs = CapturedLogs.Lines.ToList();
        var places = stored.Concat(http).Concat(logs.Select((l, i) => (Where: $"log line {i + 1}", Bytes: Encoding.UTF8.GetBytes(l)))).ToList();

        var forms = Raw.SelectMany(Forms).Distinct(new BytesComparer()).ToList();
        var found = places.SelectMany(p => forms.Where(f => Contains(p.Bytes, f.Bytes)).Select(f => $"{f.Name} in {p.Where}")).Take(20).ToList();

        // The search can see: the tokens made of the same identifiers are stored and queued.
        var tokenHits = places.Count(p => Contains(p.Bytes, Encoding.UTF8.GetBytes(mid)) || Contains(p.Bytes, Encoding.UTF8.GetBytes(id1)));
        var counts = $"{stored.Count(p => p.Where.StartsWith("table", StringComparison.Ordinal))} table entities, {stored.Count(p => p.Where.StartsWith("blob", StringComparison.Ordinal))} blobs, " +
            $"{stored.Count(p => p.Where.StartsWith("queue", StringComparison.Ordinal))} queue messages, {http.Count} HTTP answers, {logs.Count} log lines; {forms.Count} forms of {Raw.Length} identifiers; accepted {string.Join(", ", accepted)}";
        output.WriteLine($"searched {counts}; raw identifiers found: {found.Count}; places holding their tokens: {tokenHits}");
        Assert.True(stored.Any(p => p.Where.StartsWith("queue", StringComparison.Ordinal) && Contains(p.Bytes, Encoding.UTF8.GetBytes(mid))), $"expected the token of the medical id in a queue message: {counts}");
        Assert.True(stored.Where(p => p.Where.StartsWith("queue", StringComparison.Ordinal)).GroupBy(p => p.Where.Split(' ')[1]).Any(q => q.Count() > 32), $"expected one queue read past a peek's 32 messages: {counts}");
        Assert.True(stored.Any(p => !p.Where.StartsWith("queue", StringComparison.Ordinal) && Contains(p.Bytes, Encoding.UTF8.GetBytes(mid))), $"expected the token of the medical id in storage: {counts}");
        Assert.True(http.Any(p => Contains(p.Bytes, Encoding.UTF8.GetBytes(mid))), $"expected the token of the medical id in an HTTP answer (the person's): {counts}");
        Assert.True(http.Any(p => p.Where.Contains("/metrics", StringComparison.Ordinal)) && http.Count(p => p.Where.Contains("/api/v1/ingest", StringComparison.Ordinal)) >= files.Length, $"expected the ingest answers and the metrics among the HTTP answers: {counts}");
        Assert.True(logs.Count > 100, $"expected the silos' log lines captured: {counts}");
        Assert.True(found.Count == 0, $"raw identifiers found: {string.Join("; ", found)}");
    }

    /// <summary>Every table entity, blob and queue message of the fixture's storage account, as bytes (a feed message with its lines unpacked).</summary>
    private async Task<List<(string Where, byte[] Bytes)>> StoredAsync()
    {
        var stored = new List<(string Where, byte[] Bytes)>();
        var tables = new TableServiceClient(fixture.Storage.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var bytes = new MemoryStream();
                foreach (var (key, value) in entity)
                {
                    bytes.Write(Encoding.UTF8.GetBytes(key + "="));
                    bytes.Write(value switch
                    {
                        byte[] binary => binary,
                        BinaryData data => data.ToArray(),
                        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
                    });
                    bytes.WriteByte((byte)'\n');
                }

                bytes.Write(PackedBytes.Snapshot(entity) ?? []);

                stored.Add(($"table {table.Name} {entity.PartitionKey}/{entity.RowKey}", bytes.ToArray()));
            }
        }

        var blobs = new BlobServiceClient(fixture.Storage.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                stored.Add(($"blob {container.Name}/{blob.Name}", [.. content, .. PackedBytes.Brotli(content) ?? []]));
            }
        }

        // Feed batches travel Brotli-packed: a reader of the queue who unpacks them must find nothing either.
        var messages = new AzureQueueDataAdapterV2(fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>());
        var queues = new QueueServiceClient(fixture.Storage.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var client = queues.GetQueueClient(queue.Name);
            var properties = (await client.GetPropertiesAsync()).Value;
            var read = 0;
            await foreach (var message in EveryMessageAsync(client))
            {
                read++;
                var text = message.Body.ToString();
                var bytes = Encoding.UTF8.GetBytes(text);
                try
                {
                    bytes = [.. bytes, .. Convert.FromBase64String(text)];
                    foreach (var (batch, _) in messages.FromQueueMessage(text, 0).GetEvents<FeedBatch>())
                    {
                        bytes = [.. bytes, .. Encoding.UTF8.GetBytes(string.Join('\n', batch.ReadLines()))];
                    }
                }
                catch (FormatException)
                {
                    // Not base64, or not a feed message: searched as it is.
                }

                stored.Add(($"queue {queue.Name} {message.MessageId}", bytes));
            }

            // Nothing reads the feed queues while the scan runs, so every message the queue counted was read.
            Assert.True(read >= properties.ApproximateMessagesCount, $"queue {queue.Name}: read {read} messages of {properties.ApproximateMessagesCount}");
        }

        return stored;
    }

    /// <summary>
    /// Every message of a queue, received in pages of 32 (a peek sees only the first 32) and so hidden from other
    /// readers for the rest of the test, until a receive finds none left.
    /// </summary>
    private static async IAsyncEnumerable<QueueMessage> EveryMessageAsync(QueueClient queue)
    {
        while (true)
        {
            var page = (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(30))).Value;
            if (page.Length == 0) yield break;
            foreach (var message in page) yield return message;
        }
    }

    /// <summary>A raw value in every spelling and encoding a leak could take.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Forms(string raw)
    {
        var shiftJis = Encoding.GetEncoding(932);
        var spellings = new[] { raw, raw.Normalize(NormalizationForm.FormKC) }
            .SelectMany(s => new[] { s, s.Replace("　", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), s.Replace('　', ' ') })
            .Distinct();
        foreach (var s in spellings)
        {
            yield return ($"\"{s}\" (UTF-8)", Encoding.UTF8.GetBytes(s));
            yield return ($"\"{s}\" (UTF-16)", Encoding.Unicode.GetBytes(s));
            yield return ($"\"{s}\" (Shift_JIS)", shiftJis.GetBytes(s));
            if (s.Any(c => c > 0x7F))
            {
                yield return ($"\"{s}\" (JSON escapes)", Encoding.UTF8.GetBytes(string.Concat(s.Select(c => c > 0x7F ? $"\\u{(int)c:x4}" : c.ToString()))));
                yield return ($"\"{s}\" (JSON escapes, upper case)", Encoding.UTF8.GetBytes(string.Concat(s.Select(c => c > 0x7F ? $"\\u{(int)c:X4}" : c.ToString()))));
                yield return ($"\"{s}\" (URL escapes)", Encoding.UTF8.GetBytes(Uri.EscapeDataString(s)));
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private string WriteUke()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var shiftJis = Encoding.GetEncoding(932);
        var text = shiftJis.GetString(File.ReadAllBytes(ImportScratch.FixturePath("RECEIPTC.UKE")));
        var path = Path.Combine(_scratch.Folder, "RECEIPTC.UKE");
        File.WriteAllBytes(path, shiftJis.GetBytes(Replace(text)));
        return path;
    }

    private string WriteFhir()
    {
        var folder = _scratch.Copy("fhir");
        var patients = Path.Combine(folder, "Patient.ndjson");
        var identifier = $$"""{"system": "{{MidSystem}}", "value": "{{MedicalId}}"}, """;
        File.WriteAllText(patients, Replace(File.ReadAllText(patients)).Replace("\"identifier\": [", "\"identifier\": [" + identifier, StringComparison.Ordinal));
        return folder;
    }

    private string Write(string name, Encoding encoding)
    {
        var path = Path.Combine(_scratch.Folder, name);
        File.WriteAllText(path, Replace(File.ReadAllText(ImportScratch.FixturePath(name), encoding)), encoding);
        return path;
    }

    /// <summary>events-v1 as operators send it, tokens only, and one line where an operator put the raw identifiers by mistake.</summary>
    private string WriteNdjson()
    {
        var path = _scratch.CopyNdjson("feed.ndjson");
        var mistake = $$$"""{"source":"{{{_scratch.Source}}}","recordId":"L-raw-1","version":1,"kind":"lab","date":"2024-04-15","subject":{"mid":"{{{MedicalId}}}","id1":"{{{Insurer}}}:{{{Symbol}}}:{{{Number}}}","id2":"{{{KanaName}}}","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":8.1,"unit":"%"}}""";
        File.AppendAllText(path, mistake + "\n");
        return path;
    }

    /// <summary>The fixtures' identity swapped for this test's own, in each spelling the fixtures use.</summary>
    private static string Replace(string text) => text
        .Replace("佐藤　花子", KanjiName, StringComparison.Ordinal).Replace("佐藤 花子", KanjiName.Replace('　', ' '), StringComparison.Ordinal)
        .Replace("サトウ　ハナコ", KanaName, StringComparison.Ordinal).Replace("サトウ ハナコ", KanaName.Replace('　', ' '), StringComparison.Ordinal)
        .Replace("06139999", Insurer, StringComparison.Ordinal).Replace("１２３", Symbol, StringComparison.Ordinal).Replace("４５６７", Number, StringComparison.Ordinal)
        .Replace("MID-CHILD-0001", MedicalId, StringComparison.Ordinal);

    private sealed class BytesComparer : IEqualityComparer<(string Name, byte[] Bytes)>
    {
        public bool Equals((string Name, byte[] Bytes) x, (string Name, byte[] Bytes) y) => x.Bytes.AsSpan().SequenceEqual(y.Bytes);

        public int GetHashCode((string Name, byte[] Bytes) obj) => Convert.ToBase64String(obj.Bytes).GetHashCode(StringComparison.Ordinal);
    }
}

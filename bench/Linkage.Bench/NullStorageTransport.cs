using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Request = Azure.Core.Request;

namespace Linkage.Bench;

/// <summary>
/// The transport of the null-store run (<c>ingest --null-store</c>): every request the silo's Azure Storage clients
/// send is answered in-process at once, without I/O, as an empty account that takes every write would answer it.
/// The engine's real Azure providers run unchanged (snapshot transactions, log appends, journals, checkpoints), every
/// request still passes the clients' pipeline (signing, retries, <c>StorageRequestPolicy</c>'s count by kind), so the
/// run measures what the engine and the SDK cost with storage taken away. Reads answer "not found" (nothing is kept),
/// lists answer empty, writes succeed with a fresh ETag, table transactions succeed for each of their operations.
/// Set as <see cref="ClientOptions.Default"/>'s transport before the silo builds its clients: it is process-wide.
/// Addresses are those of <c>UseDevelopmentStorage=true</c>: the port tells the service.
/// </summary>
internal sealed class NullStorageTransport : HttpPipelineTransport
{
    /// <summary>The connection string the null-store silo is given: development storage's well-known account, never reached.</summary>
    public const string ConnectionString = "UseDevelopmentStorage=true";

    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    private readonly HttpClientTransport _requests = new();
    private long _etag;
    private long _transactions;
    private long _operations;

    /// <summary>Table transactions answered so far, and the operations (entity writes) they held.</summary>
    public (long Transactions, long Operations) Transactions => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _operations));

    public override Request CreateRequest() => _requests.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        // The body is serialized as the real transport would put it on the wire (and a table transaction's is read).
        var body = new MemoryStream();
        if (request.Content is { } content) await content.WriteToAsync(body, message.CancellationToken);
        message.Response = request.Uri.Port switch
        {
            TablePort => Table(request, body),
            BlobPort => Blob(request),
            QueuePort => Queue(request),
            _ => throw Unanswered(request),
        };
    }

    private CannedResponse Table(Request request, MemoryStream body)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var method = request.Method.Method;
        if (path.EndsWith("$batch", StringComparison.Ordinal)) return Transaction(body);
        if (path.EndsWith("/Tables", StringComparison.Ordinal) && method == "POST") return new CannedResponse(204, "No Content");
        if (method == "GET" && path.Contains("(PartitionKey=", StringComparison.Ordinal))
        {
            return new CannedResponse(404, "Not Found", """{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"The specified resource does not exist."}}}""",
                "application/json;odata=minimalmetadata;streaming=true;charset=utf-8").With("x-ms-error-code", "ResourceNotFound");
        }

        if (method == "GET") return new CannedResponse(200, "OK", """{"value":[]}""", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
        if (method is "PUT" or "MERGE" or "PATCH" or "POST" or "DELETE") return new CannedResponse(204, "No Content").With("ETag", NextTableETag());
        throw Unanswered(request);
    }

    /// <summary>A table transaction (<c>$batch</c>): one 204 with an ETag for each operation of its change set.</summary>
    private CannedResponse Transaction(MemoryStream body)
    {
        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        var operations = 0;
        // Each operation is a part of the change set: its part headers name it an HTTP request.
        const string part = "\nContent-Type: application/http";
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) operations++;
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _operations, operations);
        var batch = "batchresponse_" + Guid.NewGuid().ToString("N");
        var changeset = "changesetresponse_" + Guid.NewGuid().ToString("N");
        var answer = new StringBuilder();
        answer.Append(CultureInfo.InvariantCulture, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (var i = 0; i < operations; i++)
        {
            answer.Append(CultureInfo.InvariantCulture,
                $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                $"HTTP/1.1 204 No Content\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 1.0;\r\nETag: {NextTableETag()}\r\n\r\n\r\n");
        }

        answer.Append(CultureInfo.InvariantCulture, $"--{changeset}--\r\n--{batch}--\r\n");
        return new CannedResponse(202, "Accepted", answer.ToString(), $"multipart/mixed; boundary={batch}");
    }

    private CannedResponse Blob(Request request)
    {
        var query = request.Uri.Query;
        var method = request.Method.Method;
        if (method == "GET" && query.Contains("comp=list", StringComparison.Ordinal))
        {
            return new CannedResponse(200, "OK",
                $"""<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="{request.Uri.Host}"><Blobs /><NextMarker /></EnumerationResults>""",
                "application/xml");
        }

        if (method is "GET" or "HEAD") return new CannedResponse(404, "Not Found").With("x-ms-error-code", "BlobNotFound");
        if (method == "DELETE") return new CannedResponse(202, "Accepted");
        if (method == "PUT")
        {
            var created = Written(new CannedResponse(201, "Created"));
            return query.Contains("comp=appendblock", StringComparison.Ordinal)
                ? created.With("x-ms-blob-append-offset", "0").With("x-ms-blob-committed-block-count", "1").With("x-ms-request-server-encrypted", "true")
                : created;
        }

        throw Unanswered(request);
    }

    private CannedResponse Queue(Request request)
    {
        var path = request.Uri.Path;
        var query = request.Uri.Query;
        var method = request.Method.Method;
        if (query.Contains("comp=metadata", StringComparison.Ordinal)) return new CannedResponse(200, "OK").With("x-ms-approximate-messages-count", "0");
        if (path.EndsWith("/messages", StringComparison.Ordinal) && method == "GET")
        {
            return new CannedResponse(200, "OK", """<?xml version="1.0" encoding="utf-8"?><QueueMessagesList></QueueMessagesList>""", "application/xml");
        }

        if (path.EndsWith("/messages", StringComparison.Ordinal) && method == "POST")
        {
            var now = DateTimeOffset.UtcNow;
            return new CannedResponse(201, "Created",
                $"""<?xml version="1.0" encoding="utf-8"?><QueueMessagesList><QueueMessage><MessageId>{Guid.NewGuid()}</MessageId><InsertionTime>{now:R}</InsertionTime><ExpirationTime>{now.AddDays(7):R}</ExpirationTime><PopReceipt>null</PopReceipt><TimeNextVisible>{now:R}</TimeNextVisible></QueueMessage></QueueMessagesList>""",
                "application/xml");
        }

        if (method == "PUT") return new CannedResponse(201, "Created");
        if (method == "DELETE") return new CannedResponse(204, "No Content");
        throw Unanswered(request);
    }

    private CannedResponse Written(CannedResponse response) =>
        response.With("ETag", $"\"0x{Interlocked.Increment(ref _etag):X16}\"").With("Last-Modified", DateTimeOffset.UtcNow.ToString("R"));

    private string NextTableETag() => $"W/\"datetime'{DateTimeOffset.UtcNow.AddTicks(Interlocked.Increment(ref _etag)):yyyy-MM-ddTHH:mm:ss.fffffffZ}'\"";

    private static InvalidOperationException Unanswered(Request request) =>
        new($"the null store has no answer for {request.Method} {request.Uri}: add one to {nameof(NullStorageTransport)}");
}

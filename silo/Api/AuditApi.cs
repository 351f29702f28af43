using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Linkage.Audit;
using Linkage.Feeds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary><c>GET /api/v1/audit</c>: NDJSON of every data read and opt-out, oldest first, from <c>?since=</c> an ISO time.</summary>
public static class AuditApi
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/audit", List).WithName("Audit").WithTags("Audit")
            .WithSummary("The audit log")
            .WithDescription("NDJSON, oldest first (?since= an ISO time): {\"at\", \"key\" (a key id, never the key), \"action\", \"what\", \"count\"}, one line per data read or opt-out.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        return endpoints;
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> List(string? since, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!SinceParameter.TryParse(since, out var from, out var problem)) return problem;

        return TypedResults.Stream(async body =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            await foreach (var entry in audit.ReadAsync(from, cancellationToken))
            {
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    writer.WriteStartObject();
                    writer.WriteString("at", entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                    writer.WriteString("key", entry.Key);
                    writer.WriteString("action", Name(entry.Action));
                    writer.WriteString("what", entry.What);
                    if (entry.Count is { } count) writer.WriteNumber("count", count);
                    else writer.WriteNull("count");
                    if (entry.Suppressed is { } suppressed) writer.WriteNumber("suppressed", suppressed);
                    writer.WriteEndObject();
                }

                buffer.Write(NewLine);
                await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
        }, "application/x-ndjson");
    }

    /// <summary>api-v1's spelling of an action.</summary>
    public static string Name(AuditAction action) => action switch
    {
        AuditAction.Cohort => "cohort",
        AuditAction.Person => "person",
        AuditAction.Links => "links",
        AuditAction.OptOut => "optout",
        AuditAction.Benchmark => "benchmark",
        AuditAction.Ssa => "ssa",
        AuditAction.Monitor => "monitor",
        AuditAction.Surveillance => "surveillance",
        AuditAction.Alerts => "alerts",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

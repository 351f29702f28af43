using System.Buffers;
using System.Text.Json;
using Linkage.Audit;
using Linkage.Linking;
using Linkage.People;

namespace Linkage.Silo.Api;

/// <summary><c>GET /api/v1/links</c>: NDJSON, one line per current record with its person.</summary>
public static class LinksApi
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/links", Links).WithName("Links").WithTags("People")
            .WithSummary("Every current record with its person")
            .WithDescription("NDJSON, one line per current record: {\"source\": s, \"recordId\": r, \"person\": id}. Audited.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        return endpoints;
    }

    private static async Task<IResult> Links(PeopleDirectory people, IAuditLog audit, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        // Audited before the first line leaves; the count is of the current records when the export began.
        await audit.WriteAsync(new AuditEntry { At = clock.GetUtcNow(), Key = ApiKeyId.Of(context.User), Action = AuditAction.Links, What = "links", Count = null }, cancellationToken);
        return TypedResults.Stream(async body =>
        {
            await foreach (var links in people.LinksAsync(cancellationToken))
            {
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    foreach (var link in links)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("source", link.Source);
                        writer.WriteString("recordId", link.RecordId);
                        writer.WriteString("person", link.Person);
                        writer.WriteEndObject();
                        writer.Flush();
                        buffer.Write(NewLine);
                        writer.Reset(buffer);
                    }
                }

                await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
        }, "application/x-ndjson");
    }
}

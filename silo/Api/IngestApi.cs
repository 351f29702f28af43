using Linkage.Engine;
using Linkage.Ingest;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary><c>POST /api/v1/ingest</c>: NDJSON of events-v1, read as a stream, answered once the accepted lines are logged and applied.</summary>
public static class IngestApi
{
    private static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/ndjson", "text/plain"];

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/ingest", Ingest)
            .WithName("Ingest")
            .WithTags("Ingest")
            .WithSummary("Ingest events-v1 NDJSON")
            .WithDescription("Each line is one events-v1 event; accepted lines are durable and visible to queries when it answers. 200 whatever was rejected.")
            .AddOpenApiOperationTransformer(Linkage.Silo.OpenApi.RequestBodies.Ndjson("events-v1 NDJSON, one event per line (`Content-Type: application/x-ndjson`), up to the configured size."))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    private static async Task<Results<Ok<IngestAnswer>, ProblemHttpResult>> Ingest(
        HttpRequest request,
        IngestPipeline pipeline,
        IOptions<LinkageApiOptions> options,
        CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && !NdjsonMediaTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send events-v1 as 'Content-Type: application/x-ndjson', not '{contentType}'.");
        }

        var limit = options.Value.MaxIngestBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
        if (request.ContentLength > limit) return TooLarge(limit);

        // A body of unknown length is spooled to disk first, so that nothing of one that turns out too large is stored.
        await using var spooled = request.ContentLength is null ? await SpooledBody.ReadAsync(request.Body, limit, cancellationToken) : null;
        if (request.ContentLength is null && spooled is null) return TooLarge(limit);

        var outcome = await pipeline.IngestAsync(spooled ?? request.Body, cancellationToken);
        return TypedResults.Ok(outcome);
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"An ingest body may hold at most {limit} bytes; nothing of this one was stored. Split the file and send the parts.");
}

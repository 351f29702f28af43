using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary><c>POST /api/v1/ingest</c>: NDJSON of events-v1, answered once the accepted lines are durably stored.</summary>
public static partial class IngestApi
{
    private static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/ndjson", "text/plain"];

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/ingest", Ingest)
            .RequireAuthorization(ApiRoles.Operator)
            .WithName("Ingest");
        return endpoints;
    }

    private static async Task<Results<Ok<IngestAnswer>, ProblemHttpResult>> Ingest(
        HttpRequest request,
        IGrainFactory grains,
        IOptions<LinkageApiOptions> options,
        Diagnostics.LinkageMetrics metrics,
        ILoggerFactory loggers,
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
        if (await RequestBody.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"An ingest body may hold at most {limit} bytes; nothing of this one was stored. Split the file and send the parts.");
        }

        var events = ImmutableArray.CreateBuilder<FeedEvent>();
        var rejected = new List<FeedRejection>();
        foreach (var line in FeedReader.Read(body))
        {
            if (line.Event is { } e) events.Add(e);
            else if (line.Rejection is { } r) rejected.Add(r);
        }

        try
        {
            var router = grains.GetGrain<IRecordRouterGrain>(0);
            var tally = new IngestTally();
            var gate = new object();
            await Parallel.ForEachAsync(
                events.ToImmutable().Chunk(options.Value.IngestChunk),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.IngestParallelism, CancellationToken = cancellationToken },
                async (chunk, _) =>
                {
                    var routed = await router.Route([.. chunk]);
                    metrics.Ingested(chunk, routed);
                    lock (gate) tally += routed;
                });
            metrics.Rejected(rejected, events);
            return TypedResults.Ok(new IngestAnswer(tally.Accepted, tally.Duplicates, rejected));
        }
        catch (Exception ex) when (StorageUnavailable.Is(ex))
        {
            LogIngestFailed(loggers.CreateLogger(typeof(IngestApi)), ex, events.Count);
            return (ProblemHttpResult)StorageUnavailable.Problem();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest of {Events} record versions failed on storage; answered 503")]
    private static partial void LogIngestFailed(ILogger logger, Exception exception, int events);
}

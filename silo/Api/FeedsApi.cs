using Linkage.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary><c>GET /api/v1/feeds/{source}</c>: what a source's feed stream delivered and which lines it could not take.</summary>
public static class FeedsApi
{
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/feeds/{source}", Ledger).WithName("FeedLedger").WithTags("Ingest")
            .WithSummary("A feed stream's ledger")
            .WithDescription("What the source's feed stream delivered and the lines the cluster could not take.");
        return endpoints;
    }

    private static async Task<Ok<FeedLedgerView>> Ledger(string source, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFeedLedgerGrain>(source).GetLedger());
}

using Linkage.Audit;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>
/// <c>POST /api/v1/benchmarks</c>: a benchmark-v1 request in, a benchmark-v1 answer out (facilities pseudonymous to
/// researchers, codes to the authority), small counts withheld, every request audited.
/// </summary>
public static class BenchmarksApi
{
    public static IEndpointRouteBuilder MapBenchmarksApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/benchmarks", Benchmark)
            .WithName(OpenApi.BenchmarkOpenApiTransformer.OperationId)
            .WithTags("Research")
            .WithSummary("Benchmark facilities on an indicator")
            .WithDescription("A benchmark-v1 request in: indirectly standardised ratios per entry facility with funnel limits out; small counts withheld, every request audited.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Benchmark(
        HttpRequest request, BenchmarkQueries queries, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = await BenchmarkRequestParser.ParseAsync(request.Body, queries.MinCellFloor, cancellationToken);
        if (!parsed.IsValid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed benchmark request",
                detail: string.Join("; ", parsed.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Problems });
        }

        // The authority sees the 10-digit codes; anyone else (a researcher) the keyed pseudonyms.
        var codes = request.HttpContext.User.IsInRole(ApiRoles.Authority);
        var (answer, people) = await queries.RunAsync(parsed.Request, codes, cancellationToken);

        // Audited before the answer leaves: a query nobody can trace is never answered.
        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Key = ApiKeyId.Of(request.HttpContext.User),
            Action = AuditAction.Benchmark,
            What = BenchmarkRequestJson.ToJson(parsed.Request),
            Count = people,
            Suppressed = answer.Suppressed,
        }, cancellationToken);
        return TypedResults.Content(BenchmarkAnswerJson.ToJson(answer), "application/json");
    }
}

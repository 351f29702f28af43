using Linkage.Audit;
using Linkage.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>
/// <c>POST /api/v1/safety/ssa</c>: a safety-v1 sequence symmetry request in, the answer out; small cells suppressed for
/// researchers, exact for the authority; every analysis audited.
/// </summary>
public static class SafetyApi
{
    /// <summary>The route's name (the OpenAPI operation id).</summary>
    public const string SsaOperation = "SequenceSymmetry";

    public static IEndpointRouteBuilder MapSafetyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/safety/ssa", Ssa)
            .WithName(SsaOperation)
            .WithTags("Drug safety")
            .WithSummary("Sequence symmetry analysis")
            .WithDescription("A safety-v1 request in (one index against one marker, or against every code of a length), the sequence ratios out: small cells suppressed for researchers, exact for the authority, every analysis audited.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ssa(
        HttpRequest request, SafetyQueries queries, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = await SsaRequestParser.ParseAsync(request.Body, queries.MinCellFloor, cancellationToken);
        if (!parsed.IsValid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed sequence symmetry request",
                detail: string.Join("; ", parsed.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Problems });
        }

        // The authority (the regulator) reads exact counts; a key that is also a researcher's is still the authority's.
        var exact = request.HttpContext.User.IsInRole(ApiRoles.Authority);
        var answer = await queries.SequenceSymmetryAsync(parsed.Request, exact, cancellationToken);

        // Audited before the answer leaves: an analysis nobody can trace is never answered.
        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Key = ApiKeyId.Of(request.HttpContext.User),
            Action = AuditAction.Ssa,
            What = SsaRequestJson.ToJson(parsed.Request),
            Count = answer.Attrition.FirstOrDefault()?.Count,
            Suppressed = answer.Rows is null ? (answer.Pair?.IndexFirst is null ? 1 : 0) : answer.SuppressedRows,
        }, cancellationToken);
        return TypedResults.Content(SsaAnswerJson.ToJson(answer), "application/json");
    }
}

using Linkage.Audit;
using Linkage.Cohorts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary><c>POST /api/v1/cohorts/count</c>: a cohort-v1 definition in, a cohort-v1 answer out, small cells suppressed, every query audited.</summary>
public static class CohortsApi
{
    public static IEndpointRouteBuilder MapCohortsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/cohorts/count", Count)
            .WithName("CountCohort")
            .WithTags("Research")
            .WithSummary("Count a cohort")
            .WithDescription("A cohort-v1 definition in, a cohort-v1 answer out: small cells suppressed, every query audited.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Count(
        HttpRequest request, CohortQueries queries, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = await CohortDefinitionParser.ParseAsync(request.Body, queries.MinCellFloor, cancellationToken);
        if (!parsed.IsValid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed cohort definition",
                detail: string.Join("; ", parsed.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Problems });
        }

        var answer = await queries.CountAsync(parsed.Definition, cancellationToken);

        // Audited before the answer leaves: a query nobody can trace is never answered.
        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Key = ApiKeyId.Of(request.HttpContext.User),
            Action = AuditAction.Cohort,
            What = CohortDefinitionJson.ToJson(parsed.Definition),
            Count = answer.Total,
            Suppressed = answer.Suppressed,
        }, cancellationToken);
        return TypedResults.Content(CohortAnswerJson.ToJson(answer), "application/json");
    }
}

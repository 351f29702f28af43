using System.Text.Json;
using Linkage.Audit;
using Linkage.Linking;
using Linkage.OptOut;
using Linkage.People;
using Linkage.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Silo.Api;

/// <summary><c>POST /api/v1/optout</c>: the person holding a token opts out (次世代医療基盤法); their records leave storage and every index.</summary>
public static class OptOutApi
{
    public static IEndpointRouteBuilder MapOptOutApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/optout", OptOut)
            .WithName("OptOut")
            .WithTags("People")
            .WithSummary("Opt a person out")
            .WithDescription("The person holding the token opts out (次世代医療基盤法): their records are purged from storage, the key directory and the cohort index, and refused from then on.")
            .AddOpenApiOperationTransformer(Linkage.Silo.OpenApi.RequestBodies.Token("The token of the person who opts out."))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Ok<OptOutAnswer>, NotFound<ProblemDetails>, ProblemHttpResult>> OptOut(
        HttpRequest request, OptOuts optOuts, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        string? token = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String) token = t.GetString();
        }
        catch (JsonException)
        {
        }

        if (token is null || LinkageToken.KindOf(token) is not { } kind || !LinkageToken.IsWellFormed(token, kind))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed opt-out",
                detail: "token: send {\"token\": \"...\"} with a mid., id1. or id2. token of 22 base64url characters.");
        }

        PurgeResult? purged;
        try
        {
            purged = await optOuts.OptOutAsync(token, cancellationToken);
        }
        catch (AmbiguousTokenException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Ambiguous token",
                detail: $"{e.Message}. Opt out by a token of one of them (their mid or id1).");
        }

        if (purged?.Person is not { } person)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = "No current record carries this token." });
        }

        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Key = ApiKeyId.Of(request.HttpContext.User),
            Action = AuditAction.OptOut,
            What = token,
            Count = purged.Records.Length,
        }, cancellationToken);
        return TypedResults.Ok(new OptOutAnswer(person, purged.Records.Length));
    }
}

using Linkage.Audit;
using Linkage.Linking;
using Linkage.People;
using Linkage.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Silo.Api;

/// <summary><c>GET /api/v1/people/by-token/{token}</c> and <c>GET /api/v1/people/{id}</c>: a person's linked record.</summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        var people = endpoints.MapGroup("/api/v1/people");
        people.MapGet("/by-token/{token}", ByToken).WithName("PersonByToken").WithTags("People")
            .WithSummary("The person holding a token")
            .WithDescription("404 if no one holds it; 409 when an id2 token is shared by people the linkage rules keep apart. Audited.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapGet("/{**id}", ById).WithName("PersonById").WithTags("People")
            .WithSummary("A person by id")
            .WithDescription("An id that a merge or split retired redirects (307) to the person its anchor belongs to now. Audited.");
        return endpoints;
    }

    private static async Task<Results<Ok<PersonAnswer>, NotFound<ProblemDetails>, ProblemHttpResult>> ByToken(
        string token, PeopleDirectory people, IAuditLog audit, TimeProvider clock, HttpContext context)
    {
        if (LinkageToken.KindOf(token) is not { } kind || !LinkageToken.IsWellFormed(token, kind))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed token",
                detail: "token: must be mid., id1. or id2. followed by 22 base64url characters.");
        }

        var holders = await people.ByTokenAsync(token);
        await Audit(audit, clock, context, token, holders.Length == 1 ? holders[0].Records.Length : 0);
        return holders.Length switch
        {
            0 => NoOne("No current record carries this token."),
            1 => TypedResults.Ok(PersonAnswer.From(holders[0])),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Ambiguous token",
                detail: $"This id2 token is shared by {holders.Length} people who cannot be the same person: {string.Join(", ", holders.Select(p => p.Id))}. Look them up by person id."),
        };
    }

    /// <summary>A person by id; an id that a merge or split retired redirects to the person its anchor belongs to now.</summary>
    private static async Task<Results<Ok<PersonAnswer>, RedirectHttpResult, NotFound<ProblemDetails>>> ById(
        string id, PeopleDirectory people, IAuditLog audit, TimeProvider clock, HttpContext context)
    {
        if (!PersonId.TryParse(id, out var personId)) return NoOne("A person id is 'p.' and a token or 'rec:source/recordId'.");

        var person = await people.ByIdAsync(personId);
        await Audit(audit, clock, context, id, person?.Id == personId.Value ? person.Records.Length : 0);
        if (person is null) return NoOne("No current person has this id.");
        if (person.Id == personId.Value) return TypedResults.Ok(PersonAnswer.From(person));
        return TypedResults.Redirect($"/api/v1/people/{Uri.EscapeDataString(person.Id)}", permanent: false, preserveMethod: true);
    }

    /// <summary>Every read of a person is audited before it is answered, found or not.</summary>
    private static Task Audit(IAuditLog audit, TimeProvider clock, HttpContext context, string what, int records) =>
        audit.WriteAsync(new AuditEntry { At = clock.GetUtcNow(), Key = ApiKeyId.Of(context.User), Action = AuditAction.Person, What = what, Count = records }, context.RequestAborted);

    private static NotFound<ProblemDetails> NoOne(string detail) =>
        TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail });
}

using Linkage.Audit;
using Linkage.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>
/// <c>/api/v1/safety/monitors</c> (the authority): start, read, list and end safety-v1 monitors; every call audited,
/// since the authority reads exact counts.
/// </summary>
public static class SafetyMonitorsApi
{
    public const string StartOperation = "StartSafetyMonitor";

    public static IEndpointRouteBuilder MapSafetyMonitorsApi(this IEndpointRouteBuilder endpoints)
    {
        const string Monitors = "/api/v1/safety/monitors";
        endpoints.MapPost(Monitors, Start).WithTags("Drug safety").WithName(StartOperation).WithSummary("Start a safety monitor")
            .WithDescription("A safety-v1 monitor in (exposure, outcome, risk and control windows, alpha, minEvents, maxEvents); the monitor and its state out. It is evaluated again as acknowledged records change the index.");
        endpoints.MapGet(Monitors, List).WithTags("Drug safety").WithName("ListSafetyMonitors").WithSummary("List the safety monitors")
            .WithDescription("Every monitor watching, with its state over the current records and its signals.");
        endpoints.MapGet(Monitors + "/{name}", Get).WithTags("Drug safety").WithName("GetSafetyMonitor").WithSummary("Read a safety monitor")
            .WithDescription("The monitor's n, c, LLR, critical value, state (watching, signalled, exhausted) and the signals it raised.");
        endpoints.MapDelete(Monitors + "/{name}", End).WithTags("Drug safety").WithName("EndSafetyMonitor").WithSummary("End a safety monitor")
            .WithDescription("Ends the monitor: it is no longer evaluated and its state is removed; the answer is the monitor as it was last.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Start(
        HttpRequest request, SafetyMonitors monitors, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = await MonitorDefinitionParser.ParseAsync(request.Body, cancellationToken);
        if (!parsed.IsValid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed monitor",
                detail: string.Join("; ", parsed.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Problems });
        }

        var view = await monitors.Monitor(parsed.Definition.Name).Start(parsed.Definition);
        if (view is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Monitor exists",
                detail: $"name: a monitor named {parsed.Definition.Name} already watches another pair; end it first");
        }

        await Audited(request, audit, clock, view.Definition.Name, view.N, cancellationToken);
        return TypedResults.Content(MonitorViewJson.ToJson(view), "application/json");
    }

    private static async Task<ContentHttpResult> List(HttpRequest request, SafetyMonitors monitors, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var views = await monitors.ListAsync();
        await Audited(request, audit, clock, "monitors", views.Count, cancellationToken);
        return TypedResults.Content(MonitorViewJson.ToJson(views), "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(
        string name, HttpRequest request, SafetyMonitors monitors, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MonitorDefinitionParser.IsName(name) || await monitors.Monitor(name).Get() is not { } view) return NotFound(name);
        await Audited(request, audit, clock, name, view.N, cancellationToken);
        return TypedResults.Content(MonitorViewJson.ToJson(view), "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> End(
        string name, HttpRequest request, SafetyMonitors monitors, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MonitorDefinitionParser.IsName(name) || await monitors.Monitor(name).End() is not { } last) return NotFound(name);
        await Audited(request, audit, clock, name, last.N, cancellationToken);
        return TypedResults.Content(MonitorViewJson.ToJson(last), "application/json");
    }

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such monitor", detail: $"name: no monitor named {name} is watching");

    private static Task Audited(HttpRequest request, IAuditLog audit, TimeProvider clock, string what, long? count, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(), Key = ApiKeyId.Of(request.HttpContext.User), Action = AuditAction.Monitor, What = what, Count = count,
        }, cancellationToken);
}

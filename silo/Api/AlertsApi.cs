using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using Linkage.Alerts;
using Linkage.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>
/// api-v1's alerts: <c>GET /api/v1/alerts</c> (NDJSON, oldest first, from <c>?since=</c>) and
/// <c>GET /api/v1/alerts/stream</c> (Server-Sent Events, each event's id its log position, so that <c>Last-Event-ID</c>
/// resumes after the last one received: nothing lost, nothing twice). Every read is audited.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/alerts", List).WithName("Alerts").WithTags("Surveillance")
            .WithSummary("Surveillance and safety alerts")
            .WithDescription("NDJSON of alerts and withdrawals, oldest first (?since= an ISO time): surveillance-v1 and safety-v1 alerts.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        endpoints.MapGet("/api/v1/alerts/stream", Stream).WithName("AlertStream").WithTags("Surveillance")
            .WithSummary("Alerts as they happen")
            .WithDescription("The alerts as Server-Sent Events, pushed as they are appended; each event's id is its position in the log, and Last-Event-ID resumes after it (?since= an ISO time starts there instead).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> List(
        HttpContext context, string? since, AlertFeed feed, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!SinceParameter.TryParse(since, out var from, out var problem)) return problem;
        var after = from is { } time ? await feed.PositionBeforeAsync(time) : 0;
        var alerts = await feed.ReadAsync(after, cancellationToken);

        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(), Key = ApiKeyId.Of(context.User), Action = AuditAction.Alerts, What = since is null ? "alerts" : "alerts since " + since, Count = alerts.Count,
        }, cancellationToken);
        var body = new StringBuilder();
        foreach (var alert in alerts) body.Append(AlertJson.ToJson(alert.Alert)).Append('\n');
        return TypedResults.Content(body.ToString(), "application/x-ndjson");
    }

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> Stream(
        HttpContext context, string? since, AlertFeed feed, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        long after = 0;
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed Last-Event-ID",
                    detail: $"Last-Event-ID: \"{lastEventId}\" is not an event id of this stream (a whole number)");
            }
        }
        else
        {
            if (!SinceParameter.TryParse(since, out var from, out var problem)) return problem;
            if (from is { } time) after = await feed.PositionBeforeAsync(time);
        }

        await audit.WriteAsync(new AuditEntry
        {
            At = clock.GetUtcNow(), Key = ApiKeyId.Of(context.User), Action = AuditAction.Alerts, What = $"alerts stream after {after}", Count = null,
        }, cancellationToken);
        return new EventStreamResult(Events(feed, after, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(AlertFeed feed, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var alert in feed.FollowAsync(after, cancellationToken))
        {
            yield return new SseItem<string>(AlertJson.ToJson(alert.Alert)) { EventId = alert.Position.ToString(CultureInfo.InvariantCulture) };
        }
    }
}

using System.Net.ServerSentEvents;

namespace Linkage.Silo.Api;

/// <summary>
/// A Server-Sent Events answer (<see cref="SseFormatter"/> writes the events) whose headers leave at once, before the
/// first event: a subscriber knows it is subscribed, and a stream with nothing to send yet is not left pending.
/// ASP.NET Core's <c>TypedResults.ServerSentEvents</c> sends its headers with the first event only.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<SseItem<string>> events) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(httpContext.RequestAborted);
        await response.Body.FlushAsync(httpContext.RequestAborted);
        try
        {
            await SseFormatter.WriteAsync(events, response.Body, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The subscriber left: the stream ends.
        }
    }
}

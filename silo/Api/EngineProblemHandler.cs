using System.Globalization;
using Linkage.Engine;
using Microsoft.AspNetCore.Diagnostics;

namespace Linkage.Silo.Api;

/// <summary>
/// Answers every endpoint's storage, cluster or engine failure as 503 problem+json with <c>Retry-After</c>: nothing of
/// the request was acknowledged, and sending it again is safe. Other failures stay 500.
/// </summary>
public sealed partial class EngineProblemHandler(IProblemDetailsService problems, ILogger<EngineProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFailure.Is(exception)) return false;

        var retryAfter = (exception as EngineUnavailableException)?.RetryAfter ?? TimeSpan.FromSeconds(2);
        LogUnavailable(logger, exception, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = (exception as EngineUnavailableException)?.Message is { } reason
                    ? $"{reason}. Nothing unacknowledged was kept; send the same request again after Retry-After: records already stored count as duplicates."
                    : "Linkage could not reach its storage or cluster; nothing unacknowledged was kept. Send the same request again after Retry-After: records already stored count as duplicates.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: storage, cluster or engine unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary>
/// Limits the requests of each authenticated API key (a fixed window per key id, <c>Linkage:Api:RateLimit</c> or the
/// key's own <c>PermitLimit</c>); past it the API answers 429 problem+json with <c>Retry-After</c>. Requests without
/// a key (health, metrics, pages, and those refused 401) are not counted.
/// </summary>
public static class ApiKeyRateLimiting
{
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = RejectedAsync;
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return RateLimitPartition.GetNoLimiter(string.Empty);

        var id = ApiKeyId.Of(context.User);
        return RateLimitPartition.GetFixedWindowLimiter(id, keyId =>
        {
            // Read once per key id, when its first request arrives: the validated options in use.
            var limits = context.RequestServices.GetRequiredService<IOptions<LinkageRateLimitOptions>>().Value;
            var key = context.RequestServices.GetRequiredService<IOptions<LinkageApiOptions>>().Value.Keys.FirstOrDefault(k => k.KeyId == keyId);
            return new FixedWindowRateLimiterOptions { PermitLimit = key?.PermitLimit ?? limits.PermitLimit, Window = limits.Window, QueueLimit = 0 };
        });
    }

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The key {ApiKeyId.Of(context.User)} has made more requests than its rate limit allows; nothing of this one was done. Send it again after {seconds} s.",
            },
        });
    }
}

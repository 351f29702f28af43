using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary>
/// Limits the requests of each authenticated API key (a fixed window per key id, <c>Linkage:Api:RateLimit</c> or the
/// key's own <c>PermitLimit</c>), and those without a valid key per client address
/// (<c>Linkage:Api:RateLimit:AnonymousPermitLimit</c>), so that guessing keys or flooding the open endpoints is bounded
/// too; past either the API answers 429 problem+json with <c>Retry-After</c>. A key's count never includes anonymous
/// requests from its address, nor the reverse. Static pages are served before and are not counted.
/// </summary>
public static class ApiKeyRateLimiting
{
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = RejectedAsync;
        });

    private const string KeyPartition = "key ";
    private const string AddressPartition = "address ";

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            // Connections without an IP address (in-process) share one partition.
            var address = context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "none";
            return RateLimitPartition.GetFixedWindowLimiter(AddressPartition + address, _ =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LinkageRateLimitOptions>>().Value;
                return new FixedWindowRateLimiterOptions { PermitLimit = limits.AnonymousPermitLimit, Window = limits.Window, QueueLimit = 0 };
            });
        }

        return RateLimitPartition.GetFixedWindowLimiter(KeyPartition + ApiKeyId.Of(context.User), partition =>
        {
            // Read once per key id, when its first request arrives: the validated options in use.
            var keyId = partition[KeyPartition.Length..];
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
                Detail = context.User.Identity?.IsAuthenticated == true
                    ? $"The key {ApiKeyId.Of(context.User)} has made more requests than its rate limit allows; nothing of this one was done. Send it again after {seconds} s."
                    : $"This address has made more requests without a valid key than the rate limit allows; nothing of this one was done. Send it again after {seconds} s, with a valid key for the API.",
            },
        });
    }
}

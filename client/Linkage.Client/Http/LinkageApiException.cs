using System.Net;
using System.Text.Json;

namespace Linkage.Client.Http;

/// <summary>A problem+json answer from the API, with its status and the reason it gives.</summary>
public sealed class LinkageApiException(HttpStatusCode status, string detail, TimeSpan? retryAfter = null) : Exception($"{(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>How long the API asked to wait before sending again (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static async Task ThrowIfProblem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var d)) detail = d.GetString() ?? body;
        }
        catch (JsonException)
        {
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        throw new LinkageApiException(response.StatusCode, detail, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
    }
}

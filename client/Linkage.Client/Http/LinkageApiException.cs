using System.Net;
using System.Text.Json;

namespace Linkage.Client.Http;

/// <summary>A problem+json answer from the API, with its status, the reason it gives, for a bad definition each problem, and the wait it asks for.</summary>
public sealed class LinkageApiException(HttpStatusCode status, string detail, IReadOnlyList<string>? errors = null, TimeSpan? retryAfter = null)
    : Exception($"{(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The problem's <c>errors</c>: each starts with the JSON field path it is about; empty when it gave none.</summary>
    public IReadOnlyList<string> Errors { get; } = errors ?? [];

    /// <summary>How long the API asked to wait before sending again (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static async Task ThrowIfProblem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body;
        var errors = new List<string>();
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var d)) detail = d.GetString() ?? body;
            if (problem.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                errors.AddRange(e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }
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
        throw new LinkageApiException(response.StatusCode, detail, errors, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
    }
}

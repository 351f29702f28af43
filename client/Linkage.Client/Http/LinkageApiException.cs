using System.Net;
using System.Text.Json;

namespace Linkage.Client.Http;

/// <summary>A problem+json answer from the API, with its status and the reason it gives.</summary>
public sealed class LinkageApiException(HttpStatusCode status, string detail) : Exception($"{(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

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

        throw new LinkageApiException(response.StatusCode, detail);
    }
}

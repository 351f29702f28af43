using Azure.Core;
using Azure.Core.Pipeline;

namespace Linkage.Storage;

/// <summary>Counts each request a storage client sends (each attempt, so retries count too), and its body's bytes, in <see cref="StorageRequests"/>.</summary>
public sealed class StorageRequestPolicy(string service, StorageRequests requests) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        requests.Add(KindOf(service, message.Request), message.Request.Content?.TryComputeLength(out var length) == true ? length : 0);

    /// <summary>The service, the method, and what the request names: a blob or queue <c>comp</c>, or a table's <c>$batch</c>.</summary>
    public static string KindOf(string service, Azure.Core.Request request)
    {
        var uri = request.Uri;
        var path = uri.Path;
        if (path.EndsWith("$batch", StringComparison.Ordinal)) return $"{service} {request.Method} $batch";
        return uri.Query.Contains("comp=", StringComparison.Ordinal)
            ? $"{service} {request.Method} {Comp(uri.Query)}"
            : $"{service} {request.Method}";
    }

    private static string Comp(string query)
    {
        var start = query.IndexOf("comp=", StringComparison.Ordinal) + 5;
        var end = query.IndexOf('&', start);
        return end < 0 ? query[start..] : query[start..end];
    }
}

using System.Collections.Concurrent;
using System.Text;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Every answer clients got through it, its status line, headers and body as bytes, for tests that search what the API gave out.</summary>
public sealed class HttpAnswers
{
    private readonly ConcurrentQueue<(string Where, byte[] Bytes)> _answers = new();

    public IReadOnlyList<(string Where, byte[] Bytes)> All => [.. _answers];

    /// <summary>A handler that records each answer of <paramref name="inner"/> and hands it on, its body still readable.</summary>
    public HttpMessageHandler Around(HttpMessageHandler inner) => new Recording(this) { InnerHandler = inner };

    private sealed class Recording(HttpAnswers answers) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var head = $"{(int)response.StatusCode} {request.Method} {request.RequestUri}\n{response.Headers}{response.Content.Headers}\n";
            answers._answers.Enqueue(($"answer to {request.Method} {request.RequestUri?.PathAndQuery}", [.. Encoding.UTF8.GetBytes(head), .. await response.Content.ReadAsByteArrayAsync(cancellationToken)]));
            return response;
        }
    }
}

using System.Text;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// A Server-Sent Events response read event by event, as the wire has it (the <c>id:</c> and <c>data:</c> lines of
/// each event, kept raw), so that tests check the format as well as the content. Reading waits for the next event:
/// the test's signal, bounded by a deadline.
/// </summary>
public sealed class ServerSentEvents(HttpResponseMessage response, Stream body) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>One event: its id, its data and every line it came as.</summary>
    public sealed record Event(string? Id, string Data, IReadOnlyList<string> Lines);

    public HttpResponseMessage Response => response;

    /// <summary>Opens <paramref name="path"/> as a stream, resuming after <paramref name="lastEventId"/> when given.</summary>
    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new ServerSentEvents(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event; fails when none comes within <paramref name="timeout"/> (30 s by default).</summary>
    public async Task<Event> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no event within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s; read so far: {string.Join(" | ", lines)}");
            }

            if (line is null) throw new EndOfStreamException("the event stream ended; read so far: " + string.Join(" | ", lines));
            if (line.Length == 0)
            {
                if (lines.Count == 0) continue;
                var id = lines.Where(l => l.StartsWith("id:", StringComparison.Ordinal)).Select(l => l[3..].TrimStart()).LastOrDefault();
                var data = string.Join('\n', lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].TrimStart()));
                return new Event(id, data, lines);
            }

            if (!line.StartsWith(':')) lines.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await body.DisposeAsync();
        response.Dispose();
    }
}

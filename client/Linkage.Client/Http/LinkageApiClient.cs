using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Linkage.Ingest;

namespace Linkage.Client.Http;

/// <summary>A client of Linkage's HTTP API (api-v1).</summary>
public sealed class LinkageApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A client of one or several silos' APIs: a request that cannot reach one goes to the next (<see cref="EndpointFailoverHandler"/>).</summary>
    public static LinkageApiClient Create(IReadOnlyList<Uri> endpoints, string apiKey)
    {
        var handler = new EndpointFailoverHandler(endpoints, new SocketsHttpHandler());
        var http = new HttpClient(handler) { BaseAddress = endpoints[0], Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new LinkageApiClient(http);
    }

    /// <summary>Sends NDJSON lines to <c>POST /api/v1/ingest</c>; throws <see cref="LinkageApiException"/> on a problem answer.</summary>
    public async Task<IngestAnswer> IngestAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync("api/v1/ingest", content, cancellationToken);
        await LinkageApiException.ThrowIfProblem(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<IngestAnswer>(Json, cancellationToken))!;
    }

    /// <summary>Sends a cohort-v1 definition to <c>POST /api/v1/cohorts/count</c>; the answer as the API wrote it. Throws <see cref="LinkageApiException"/> on a problem answer.</summary>
    public Task<string> CountCohortAsync(string definition, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/cohorts/count", definition, cancellationToken);

    /// <summary>Posts a benchmark-v1 request; the answer's JSON as the API wrote it.</summary>
    /// <exception cref="LinkageApiException">The API refused the request (its problems listed).</exception>
    public Task<string> BenchmarkAsync(string request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/benchmarks", request, cancellationToken);

    /// <summary>Posts a safety-v1 sequence symmetry request (a pair or a screening); the answer's JSON as the API wrote it.</summary>
    /// <exception cref="LinkageApiException">The API refused the request (its problems listed).</exception>
    public Task<string> SequenceSymmetryAsync(string request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/safety/ssa", request, cancellationToken);

    /// <summary>The safety-v1 monitors (<c>{"monitors": [...]}</c>) as the API wrote them.</summary>
    /// <exception cref="LinkageApiException">The API refused the request.</exception>
    public Task<string> SafetyMonitorsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v1/safety/monitors", null, cancellationToken);

    /// <summary>Starts a safety-v1 monitor; the monitor as the API wrote it back.</summary>
    /// <exception cref="LinkageApiException">The API refused the definition (its problems listed), or the name watches another pair.</exception>
    public Task<string> StartSafetyMonitorAsync(string definition, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/safety/monitors", definition, cancellationToken);

    /// <summary>One safety-v1 monitor with its state and signals.</summary>
    /// <exception cref="LinkageApiException">No monitor of that name is watching.</exception>
    public Task<string> SafetyMonitorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/safety/monitors/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Ends a safety-v1 monitor; the monitor as it was last.</summary>
    /// <exception cref="LinkageApiException">No monitor of that name is watching.</exception>
    public Task<string> EndSafetyMonitorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/safety/monitors/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Defines (or replaces) a surveillance-v1 indicator; the indicator as the API wrote it back.</summary>
    /// <exception cref="LinkageApiException">The API refused the definition (its problems listed).</exception>
    public Task<string> DefineIndicatorAsync(string name, string definition, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/surveillance/indicators/{Uri.EscapeDataString(name)}", definition, cancellationToken);

    /// <summary>An indicator's daily series (surveillance-v1 NDJSON, one line per day) of one prefecture code, <c>all</c> or <c>unknown</c>.</summary>
    /// <exception cref="LinkageApiException">The API refused the request (no such indicator, a bad prefecture).</exception>
    public Task<string> IndicatorSeriesAsync(string name, string pref, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/surveillance/indicators/{Uri.EscapeDataString(name)}/series?pref={Uri.EscapeDataString(pref)}", null, cancellationToken);

    /// <summary>The alerts and withdrawals (NDJSON, oldest first) of <c>GET /api/v1/alerts</c>.</summary>
    /// <exception cref="LinkageApiException">The API refused the request.</exception>
    public Task<string> AlertsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v1/alerts", null, cancellationToken);

    /// <summary>
    /// The alerts of <c>GET /api/v1/alerts/stream</c> as they come (each event's data, an alert's JSON), from the start of
    /// the log or after <paramref name="lastEventId"/>; parsed by .NET's <see cref="System.Net.ServerSentEvents.SseParser"/>.
    /// </summary>
    /// <exception cref="LinkageApiException">The API refused the request.</exception>
    public async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> FollowAlertsAsync(
        string? lastEventId = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/alerts/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await LinkageApiException.ThrowIfProblem(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(body).EnumerateAsync(cancellationToken)) yield return item;
    }

    /// <summary>The person holding a token as raw JSON, or null when no one does.</summary>
    public async Task<JsonDocument?> GetPersonByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/people/by-token/{Uri.EscapeDataString(token)}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        await LinkageApiException.ThrowIfProblem(response, cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    /// <summary>One request with an optional JSON body; the answer as the API wrote it, or <see cref="LinkageApiException"/> on a problem answer.</summary>
    private async Task<string> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        await LinkageApiException.ThrowIfProblem(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

using System.Net;
using System.Text.Json;
using System.Text;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>The API calls tests make most: ingest events and read a person back.</summary>
public static class FrontCalls
{
    /// <summary>Posts the events as one NDJSON body; the answer's tally (asserting 200).</summary>
    public static async Task<IngestTally> IngestAsync(this LinkageHttpFront front, params FeedEvent[] events)
    {
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var content = new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync("/api/v1/ingest", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest answered {(int)response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        return new IngestTally(answer.GetProperty("accepted").GetInt32(), answer.GetProperty("duplicates").GetInt32(), answer.GetProperty("optedOut").GetInt32());
    }

    /// <summary>Posts the events as one NDJSON body; the answer's status, whatever it is.</summary>
    public static async Task<HttpStatusCode> PostAsync(this LinkageHttpFront front, params FeedEvent[] events)
    {
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var content = new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync("/api/v1/ingest", content);
        return response.StatusCode;
    }

    /// <summary>
    /// Posts NDJSON lines to one of the cluster's living silos (by <paramref name="lane"/>), again when it answers 503
    /// or went away, to the first silo whose engine takes ingests again; the attempts it took.
    /// </summary>
    public static async Task<int> PostUntilAcceptedAsync(this TestCluster cluster, int lane, IReadOnlyCollection<string> lines)
    {
        // The cluster recovers within seconds; on a loaded machine, well within two minutes.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var patience = TimeSpan.FromMinutes(2);
        var target = lane;
        for (var attempt = 0; ; attempt++)
        {
            var silos = cluster.Silos;
            var silo = silos[target % silos.Count];
            var front = LinkageHttpFront.Of(cluster, target % silos.Count);
            try
            {
                using var client = front.Client(LinkageHttpFront.OperatorKey);
                using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
                using var response = await client.PostAsync("/api/v1/ingest", content);
                if (response.StatusCode == HttpStatusCode.OK) return attempt + 1;
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && clock.Elapsed < patience, $"ingest answered {(int)response.StatusCode} (attempt {attempt + 1}, after {clock.Elapsed.TotalSeconds:0} s): {body}");
                Assert.NotNull(response.Headers.RetryAfter);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException
                                      && !cluster.Silos.Contains(silo) && clock.Elapsed < patience)
            {
                // The silo asked stopped while it answered: nothing it did not acknowledge counts; ask another.
            }

            // Ask again, another silo first, once one takes ingests: its engine gate is the signal a 503 waits on
            // (a stopping silo's stays closed).
            target = await FirstOpenAsync(cluster, after: target, clock, patience);
        }
    }

    /// <summary>The index of the first silo after <paramref name="after"/> (round the cluster) whose engine gate opens.</summary>
    private static async Task<int> FirstOpenAsync(TestCluster cluster, int after, System.Diagnostics.Stopwatch clock, TimeSpan patience)
    {
        var silos = cluster.Silos;
        var (order, gates) = (new List<int>(), new List<Linkage.Engine.EngineGate>());
        foreach (var i in Enumerable.Range(1, silos.Count).Select(i => (after + i) % silos.Count))
        {
            if (GateOf(silos[i]) is not { } gate) continue;
            order.Add(i);
            gates.Add(gate);
        }

        Assert.True(gates.Count > 0, "every silo of the cluster has stopped");
        var open = gates.FindIndex(g => g.IsOpen);
        if (open >= 0) return order[open];
        var left = patience - clock.Elapsed;
        var waits = gates.Select(g => g.WaitOpenAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero)).ToList();
        var first = await Task.WhenAny(waits);
        Assert.True(await first, $"no silo's engine gate opened within {patience.TotalMinutes:0} min: {string.Join("; ", gates.Select(g => g.Reason))}");
        return order[waits.IndexOf(first)];
    }

    /// <summary>The silo's engine gate; null once the silo has stopped (a stopping silo stays listed until it is gone).</summary>
    private static Linkage.Engine.EngineGate? GateOf(SiloHandle silo)
    {
        try
        {
            return ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<Linkage.Engine.EngineGate>();
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>The one person holding <paramref name="token"/>, as <c>GET /api/v1/people/by-token</c> answers.</summary>
    public static async Task<PersonView> PersonAsync(this LinkageHttpFront front, string token)
    {
        using var client = front.Client(LinkageHttpFront.AdminKey);
        using var response = await client.GetAsync($"/api/v1/people/by-token/{token}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"person of {token}: answered {(int)response.StatusCode}: {body}");
        var person = JsonDocument.Parse(body).RootElement;
        return new PersonView
        {
            Id = person.GetProperty("person").GetString()!,
            Tokens = [.. person.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)],
            Records = [.. person.GetProperty("records").EnumerateArray().Select((r, i) => FeedLineParser.Parse(r.GetRawText(), i + 1).Event!)],
            History = [.. person.GetProperty("history").EnumerateArray().Select(ChangeOf)],
        };
    }

    private static LinkageChange ChangeOf(JsonElement change) => new()
    {
        At = change.GetProperty("at").GetDateTimeOffset(),
        Kind = Enum.Parse<LinkageChangeKind>(change.GetProperty("kind").GetString()!, ignoreCase: true),
        Before = [.. change.GetProperty("before").EnumerateArray().Select(p => p.GetString()!)],
        After = [.. change.GetProperty("after").EnumerateArray().Select(p => p.GetString()!)],
        Cause = [.. change.GetProperty("cause").EnumerateArray().Select(c => new RecordKey(c.GetProperty("source").GetString()!, c.GetProperty("recordId").GetString()!))],
    };
}

using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>A silo that takes at most 3 record versions in flight, so that one held batch fills it.</summary>
public sealed class BackpressureFixture : LinkageClusterFixture
{
    public const int MaxEventsInFlight = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Linkage:Engine:MaxEventsInFlight"] = MaxEventsInFlight.ToString(),
    };
}

/// <summary>
/// An engine that is behind refuses new ingests at once with 503 problem+json and <c>Retry-After</c> (never a timeout),
/// takes nothing of what it refused, and takes the same body when it is sent again.
/// </summary>
public sealed class BackpressureTests(BackpressureFixture fixture) : IClassFixture<BackpressureFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silo_with_too_much_in_flight_answers_503_with_retry_after_at_once_and_takes_the_body_sent_again()
    {
        var source = NewSource();
        var held = FaultInjectionFilter.HoldPrefix + Guid.NewGuid().ToString("N");
        var hold = FaultInjectionFilter.Hold(held);
        var (midA, midB) = (NewMid(), NewMid());
        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.OperatorKey);

        // Two versions in flight, held in their component.
        var first = client.PostAsync("/api/v1/ingest", Ndjson(Lab(source, held, mid: midA), Lab(source, "a2", mid: midA)));
        await hold.Reached.Task.WaitAsync(Deadline);

        // Two more would pass the limit of 3.
        var refusedAt = DateTime.UtcNow;
        using var refused = await client.PostAsync("/api/v1/ingest", Ndjson(Lab(source, "b1", mid: midB), Lab(source, "b2", mid: midB)));
        var waited = DateTime.UtcNow - refusedAt;
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503 while the engine is full, got {(int)refused.StatusCode}: {problem}");
        Assert.True(waited < TimeSpan.FromSeconds(5), $"expected the 503 at once, it took {waited.TotalSeconds:0.0} s");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("in flight", JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"expected a Retry-After, got '{refused.Headers.RetryAfter}'");
        Assert.Equal(0, await RecordsOf(midB));

        hold.Released.TrySetResult();
        using var firstAnswer = await first.WaitAsync(Deadline);
        Assert.Equal(2, Accepted(await firstAnswer.Content.ReadAsStringAsync()));

        using var again = await client.PostAsync("/api/v1/ingest", Ndjson(Lab(source, "b1", mid: midB), Lab(source, "b2", mid: midB)));
        Assert.Equal(2, Accepted(await again.Content.ReadAsStringAsync()));
        Assert.Equal(2, await RecordsOf(midB));
    }

    /// <summary>The records of the person holding <paramref name="mid"/> as the API shows them; 0 when no one does.</summary>
    private async Task<int> RecordsOf(string mid)
    {
        using var admin = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.AdminKey);
        using var response = await admin.GetAsync($"/api/v1/people/by-token/{mid}");
        if (response.StatusCode == HttpStatusCode.NotFound) return 0;
        var person = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return person.GetProperty("records").GetArrayLength();
    }

    private static int Accepted(string answer) => JsonDocument.Parse(answer).RootElement.GetProperty("accepted").GetInt32();

    private static StringContent Ndjson(params FeedEvent[] events) =>
        new(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson");
}

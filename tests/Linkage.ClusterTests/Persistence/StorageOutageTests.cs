using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>A cluster whose Azurite keeps its files on disk, so that it can be stopped and started again.</summary>
public sealed class StorageOutageFixture : LinkageClusterFixture
{
    protected override string? StorageLocation { get; } = Directory.CreateTempSubdirectory("linkage-outage-").FullName;
}

/// <summary>While storage is down the API answers 503 and keeps nothing; once it is back the same request is stored.</summary>
public sealed class StorageOutageTests(StorageOutageFixture fixture) : IClassFixture<StorageOutageFixture>
{
    [Fact]
    public async Task A_write_lost_to_an_outage_is_answered_503_and_taken_when_sent_again()
    {
        var source = NewSource();
        var mid = NewMid();
        var front = LinkageHttpFront.Of(fixture.Cluster);
        Assert.Equal((HttpStatusCode.OK, 1, 0), await Ingest(front, Lab(source, "r1", 1, mid, value: 1)));

        await fixture.Storage.StopAsync();
        using (var client = front.Client(LinkageHttpFront.OperatorKey))
        using (var outage = await client.PostAsync("/api/v1/ingest", Ndjson(Lab(source, "r1", 2, mid, value: 2))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
            Assert.Equal("application/problem+json", outage.Content.Headers.ContentType?.MediaType);
        }

        await fixture.Storage.RestartAsync();

        // The correction was never stored, so it is accepted now, not taken for a duplicate.
        Assert.Equal((HttpStatusCode.OK, 1, 0), await Ingest(front, Lab(source, "r1", 2, mid, value: 2)));
        var person = await front.PersonAsync(mid);
        Assert.Equal(2, Assert.Single(person.Records).Version);
    }

    private static async Task<(HttpStatusCode Status, int Accepted, int Duplicates)> Ingest(LinkageHttpFront front, FeedEvent e)
    {
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var response = await client.PostAsync("/api/v1/ingest", Ndjson(e));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest answered {(int)response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, answer.GetProperty("accepted").GetInt32(), answer.GetProperty("duplicates").GetInt32());
    }

    private static StringContent Ndjson(FeedEvent e) => new(FeedEventJson.ToJson(e), Encoding.UTF8, "application/x-ndjson");
}

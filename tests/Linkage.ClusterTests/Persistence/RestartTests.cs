using Linkage.ClusterTests.Infrastructure;
using Linkage.Ingest;
using Linkage.Linking;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>What was acknowledged is on Azurite and comes back after every silo has stopped.</summary>
public sealed class RestartTests : IClassFixture<LinkageClusterFixture>
{
    private readonly LinkageClusterFixture _fixture;

    public RestartTests(LinkageClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Records_merges_and_history_survive_a_full_cluster_restart()
    {
        var front = LinkageHttpFront.Of(_fixture.Cluster);
        var source = NewSource();
        var (midA, midB) = (NewMid(), NewMid());
        var id2 = Id2("ヤマダ タロウ" + Guid.NewGuid().ToString("N")[..6]);
        await front.IngestAsync(Lab(source, "a1", 1, midA), Lab(source, "a2", 2, midA));
        await front.IngestAsync(Lab(source, "b1", 1, id2: id2));
        await front.IngestAsync(Lab(source, "bridge", 1, midA, id2));
        await front.IngestAsync(Lab(source, "gone", 1, midB), Lab(source, "gone", 2, midB, retracted: true), Lab(source, "b2", 1, midB));
        var before = await front.PersonAsync(midA);

        await _fixture.Cluster.StopAllSilosAsync();
        await using var restarted = await _fixture.StartClusterAsync(1);
        var again = LinkageHttpFront.Of(restarted);

        var after = await again.PersonAsync(midA);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(["a1", "a2", "b1", "bridge"], after.Records.Select(r => r.RecordId).Order());
        Assert.Equal(2, after.Records.Single(r => r.RecordId == "a2").Version);
        Assert.Contains(after.History, c => c.Kind == LinkageChangeKind.Merge);
        Assert.Equal(["b2"], (await again.PersonAsync(midB)).Records.Select(r => r.RecordId));
        Assert.Equal(new IngestTally(0, 1), await again.IngestAsync(Lab(source, "gone", 1, midB)));
    }
}

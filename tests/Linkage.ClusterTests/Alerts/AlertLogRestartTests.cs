using Linkage.Alerts;
using Linkage.ClusterTests.Infrastructure;
using static Linkage.ClusterTests.Alerts.SampleAlerts;

namespace Linkage.ClusterTests.Alerts;

/// <summary>The alert log is stored: after every silo stops, the same alerts are at the same positions, and appending them again repeats none.</summary>
public sealed class AlertLogRestartTests(LinkageClusterFixture fixture) : IClassFixture<LinkageClusterFixture>
{
    [Fact]
    public async Task Alerts_survive_a_cluster_restart_without_loss_or_repeat()
    {
        var ids = NewIds();
        var sent = new[] { Surveillance(ids + "/a"), SampleAlerts.Safety(ids + "/b"), Surveillance(ids + "/a", 2, withdrawn: true) };
        var before = await AlertLog.Of(fixture.Grains).Append([.. sent]);

        await fixture.Cluster.StopAllSilosAsync();
        await using var restarted = await fixture.StartClusterAsync(1);
        var log = AlertLog.Of(restarted.GrainFactory);

        Assert.Equal(before.Select(Line), (await log.Read(0, 100)).Alerts.Select(Line));
        Assert.Empty(await log.Append([.. sent]));
        var next = Assert.Single(await log.Append([Surveillance(ids + "/c")]));
        Assert.Equal(before.Length + 1, next.Position);
    }

    private static string Line(LoggedAlert alert) => $"{alert.Position} {AlertJson.ToJson(alert.Alert)}";
}

using System.Text.RegularExpressions;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Testing;

namespace Linkage.ClusterTests.Engine;

/// <summary>
/// Three real silo processes (Azure Table membership on one Azurite, as <c>infra/up --silos 3</c> runs them) take bodies
/// from senders on every silo; one of them kills itself with SIGKILL between a log append and its acknowledgement. The
/// others declare it dead, close their gates, replay the logs and reopen; then, before anything is sent again, every
/// acknowledged record is there at its acknowledged version and the people are the rules' on every read path.
/// </summary>
[Collection(HostCrashCollection.Name)]
public sealed class SiloProcessCrashTests(HostCrashFixture fixture)
{
    private const string CrashAt = "after-log-append:15";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_silo_process_of_three_killed_with_requests_in_flight_loses_no_acknowledged_record()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var silos = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var settings = fixture.HostSettings(prefix);
                if (i == 2) settings["Linkage:Testing:CrashAt"] = CrashAt;
                silos.Add(new HostProcess(settings, LocalMachine.FreePort()));
            }

            await Task.WhenAll(silos.Select(s => s.StartAsync()));
            var (victim, survivors) = (silos[2], silos.Take(2).ToList());

            var run = "p" + Guid.NewGuid().ToString("N")[..8];
            var record = new SentRecords();
            using var stop = new CancellationTokenSource();
            var reached = victim.WaitForLineAsync(new Regex(Regex.Escape(CrashHook.Marker(CrashAt))), Deadline);
            var lost = survivors.Select(s => s.WaitForLineAsync(new Regex("Silo .* is dead: ingest closes"), Deadline)).ToList();
            var senders = IngestLanes.RunAsync([.. silos.Select(s => s.BaseAddress)], lanesPerHost: 2, HostCrashTests.OperatorKey, new CrashFeed(run, linesPerBody: 30), record, stop.Token);

            await reached;
            Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 137, "the victim did not die by SIGKILL");

            // The senders finish the bodies they have in flight (the survivors' gates close as they learn of the death).
            await stop.CancelAsync();
            await senders;
            Assert.True(record.AnswersLost > 0, $"no body was in flight on the victim when it died (senders: {record.LaneEnds})");

            // Each survivor sees the death, replays, and takes ingests again.
            await Task.WhenAll(lost);
            await Task.WhenAll(survivors.Select(s => s.WaitForLineAsync(new Regex("the cluster has recovered; ingest is open"), Deadline)));

            var (acknowledged, present) = await AcknowledgedRecordsCheck.AssertAsync(
                survivors[0].BaseAddress, HostCrashTests.AdminKey, HostCrashTests.ResearcherKey, record, "a silo of three killed, before anything was sent again: ");
            Assert.True(acknowledged > 0 && present >= acknowledged, $"expected acknowledged records to check, saw {acknowledged} acknowledged and {present} present");
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}

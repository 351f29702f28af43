using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Kills a silo of an in-process test cluster as a process crash would: <see cref="TestCluster.KillSiloAsync"/> alone
/// runs the silo's stop hooks (the engine would let its batches under way finish, flush and checkpoint) and lets its
/// grains write as they deactivate. Here the silo is first made dead (<see cref="CrashHook.Kill"/>): from that instant its
/// storage calls fail, its engine acknowledges nothing and its stop hook does nothing.
/// </summary>
public static class SiloCrashes
{
    public static async Task CrashSiloAsync(this TestCluster cluster, SiloHandle silo)
    {
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<CrashHook>().Kill();
        await cluster.KillSiloAsync(silo);
    }
}

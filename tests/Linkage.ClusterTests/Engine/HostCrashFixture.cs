using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;

namespace Linkage.ClusterTests.Engine;

/// <summary>A real Azurite keeping its files on disk, shared by the tests that kill real host processes (each on a prefix of its own).</summary>
public sealed class HostCrashFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await Azurite.StartAsync(Directory.CreateTempSubdirectory("linkage-crash-").FullName);

    public async Task DisposeAsync() => await Storage.DisposeAsync();

    /// <summary>The settings of a host process on this Azurite, in a cluster of its own named <paramref name="prefix"/> (Azure Table membership).</summary>
    public Dictionary<string, string> HostSettings(string prefix) => new()
    {
        ["Linkage:Storage:ConnectionString"] = Storage.ConnectionString,
        ["Linkage:Storage:Prefix"] = prefix,
        ["Linkage:Cluster:ClusterId"] = prefix,
        ["Linkage:Cluster:ServiceId"] = prefix,
        ["Linkage:Cluster:Membership"] = "AzureTable",
        ["Linkage:Cluster:SiloPort"] = LocalMachine.FreePort().ToString(),
        ["Linkage:Cluster:GatewayPort"] = LocalMachine.FreePort().ToString(),
        ["Linkage:Streams:Transport"] = "AzureQueue",
        ["Linkage:Engine:CheckpointInterval"] = "00:00:01",
        ["Linkage:Engine:KeyPartitions"] = "16",
        ["Linkage:Engine:IndexPartitions"] = "16",

        // Senders go on at once after a 503 (backpressure, or a recovery), which must not turn into a 429.
        ["Linkage:Api:RateLimit:PermitLimit"] = "1000000",
    };
}

/// <summary>The tests that kill real host processes: one Azurite on disk, one test at a time (each runs several processes).</summary>
[CollectionDefinition(Name)]
public sealed class HostCrashCollection : ICollectionFixture<HostCrashFixture>
{
    public const string Name = "host crashes";
}

using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>One Azurite and one test cluster shared by a collection of tests; each fixture uses its own storage prefix.</summary>
public class LinkageClusterFixture : IAsyncLifetime
{
    public const int StreamQueues = Linkage.Hosting.ClusterNames.DefaultFeedQueues;

    protected virtual int Silos => 1;

    /// <summary>Where Azurite keeps its files; in memory when null.</summary>
    protected virtual string? StorageLocation => null;

    public Azurite Storage { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync(StorageLocation);
        Cluster = await StartClusterAsync(Silos);
    }

    /// <summary>Starts a cluster on this fixture's storage and prefix (a second one sees what the first stored).</summary>
    public async Task<TestCluster> StartClusterAsync(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);

        // Stored grain state is keyed by service id: a restarted cluster must keep it.
        builder.Options.ServiceId = Prefix;
        builder.Properties["Linkage:Storage:ConnectionString"] = Storage.ConnectionString;
        builder.Properties["Linkage:Storage:Prefix"] = Prefix;
        builder.Properties["Linkage:Streams:Transport"] = "Memory";
        builder.Properties["Linkage:Streams:Queues"] = StreamQueues.ToString();
        builder.AddSiloBuilderConfigurator<LinkageTestSilo>();
        builder.AddClientBuilderConfigurator<LinkageTestClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
    }
}

/// <summary>The collection of tests on a one-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class OneSiloCollection : ICollectionFixture<LinkageClusterFixture>
{
    public const string Name = "one silo";
}

/// <summary>A three-silo cluster, so that people's grains spread over silos.</summary>
public sealed class ThreeSiloClusterFixture : LinkageClusterFixture
{
    protected override int Silos => 3;
}

/// <summary>The collection of tests on a three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ThreeSiloCollection : ICollectionFixture<ThreeSiloClusterFixture>
{
    public const string Name = "three silos";
}

using Linkage.Cohorts;
using Linkage.Hosting;
using Linkage.Silo.Api;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>One Azurite and one test cluster shared by a collection of tests; each fixture uses its own storage prefix.</summary>
public class LinkageClusterFixture : IAsyncLifetime
{
    public const int StreamQueues = Linkage.Hosting.ClusterNames.DefaultFeedQueues;

    protected virtual int Silos => 1;

    /// <summary>Where Azurite keeps its files; in memory when null.</summary>
    protected virtual string? StorageLocation => null;

    /// <summary>What carries the feed stream: memory, or Azure queues on this fixture's Azurite.</summary>
    protected virtual string StreamTransport => "Memory";

    /// <summary>Settings a fixture adds to or changes in every silo's configuration.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public Azurite Storage { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string Prefix { get; } = NewPrefix();

    /// <summary>A storage prefix no other cluster uses.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync(StorageLocation);
        Cluster = await StartClusterAsync(Silos);
    }

    /// <summary>
    /// Starts a cluster on this fixture's storage and <paramref name="prefix"/> (the fixture's own by default; a second
    /// cluster on the same prefix sees what the first stored), once every silo takes ingests.
    /// </summary>
    public async Task<TestCluster> StartClusterAsync(int silos, string? prefix = null)
    {
        prefix ??= Prefix;
        var builder = new TestClusterBuilder((short)silos);

        // Stored grain state is keyed by service id: a restarted cluster must keep it.
        builder.Options.ServiceId = prefix;
        builder.Properties["Linkage:Storage:ConnectionString"] = Storage.ConnectionString;
        builder.Properties["Linkage:Storage:Prefix"] = prefix;
        builder.Properties["Linkage:Streams:Transport"] = StreamTransport;
        builder.Properties["Linkage:Streams:Queues"] = StreamQueues.ToString();
        builder.Properties["Linkage:Engine:KeyPartitions"] = "8";
        builder.Properties["Linkage:Engine:IndexPartitions"] = "8";
        builder.Properties["Linkage:Engine:SnapshotPartitions"] = "8";
        var keys = new[] { (LinkageHttpFront.OperatorKey, ApiRoles.Operator), (LinkageHttpFront.ResearcherKey, ApiRoles.Researcher), (LinkageHttpFront.AdminKey, ApiRoles.Admin), (LinkageHttpFront.AuthorityKey, ApiRoles.Authority) };
        for (var i = 0; i < keys.Length; i++)
        {
            builder.Properties[$"Linkage:Api:Keys:{i}:Hash"] = ApiKey.HashOf(keys[i].Item1);
            builder.Properties[$"Linkage:Api:Keys:{i}:Roles:0"] = keys[i].Item2;
        }

        foreach (var (key, value) in Settings) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<LinkageTestSilo>();
        builder.AddClientBuilderConfigurator<LinkageTestClient>();
        Configure(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        foreach (var silo in cluster.Silos.Cast<InProcessSiloHandle>()) await LinkageHttpFront.WaitOpenAsync(silo.SiloHost.Services, silo.Name);
        return cluster;
    }

    /// <summary>Lets a fixture add configurators of its own to every cluster it starts.</summary>
    protected virtual void Configure(TestClusterBuilder builder)
    {
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

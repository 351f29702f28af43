using Linkage.Hosting;
using Linkage.Ingest;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Configures test silos the way the host does: Linkage's storage on Azurite, the feed stream in memory.</summary>
public sealed class LinkageTestSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddLinkage(siloBuilder.Configuration).AddIncomingGrainCallFilter<FaultInjectionFilter>();
}

/// <summary>Gives the test cluster's client the feed stream, so tests publish as operators do.</summary>
public sealed class LinkageTestClient : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var streams = configuration.GetSection(LinkageStreamOptions.SectionName).Get<LinkageStreamOptions>() ?? new LinkageStreamOptions();
        clientBuilder.AddMemoryStreams(FeedStream.ProviderName, b => b.ConfigurePartitioning(streams.Queues));
    }
}

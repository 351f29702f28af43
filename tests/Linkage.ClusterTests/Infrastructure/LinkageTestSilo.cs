using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Configures test silos the way the host does: Linkage's storage on Azurite, the engine, the feed stream, the
/// dashboard, and the host's very HTTP pipeline (on an in-memory test server), with a fault filter for the tests.
/// </summary>
public sealed class LinkageTestSilo : ISiloConfigurator, IHostConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddLinkage(siloBuilder.Configuration).AddDashboard().AddIncomingGrainCallFilter<FaultInjectionFilter>();

    public void Configure(IHostBuilder hostBuilder) =>
        hostBuilder.ConfigureWebHost(web => web
            .UseTestServer()
            .ConfigureServices((context, services) => services.AddLinkageApi(context.Configuration))
            .Configure(app => app.UseLinkageApi()));
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

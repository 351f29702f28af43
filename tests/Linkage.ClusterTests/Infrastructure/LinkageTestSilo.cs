using Linkage.Streams;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Silo.Hosting;
using Linkage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Configures test silos the way the host does: Linkage's storage on Azurite, the engine, the feed stream, the
/// dashboard, and the host's very HTTP pipeline (on an in-memory test server), with a fault filter and held snapshot
/// writes for the tests.
/// </summary>
public sealed class LinkageTestSilo : ISiloConfigurator, IHostConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddLinkage(siloBuilder.Configuration).AddDashboard().AddIncomingGrainCallFilter<FaultInjectionFilter>();
        HeldSnapshotStore.Decorate(siloBuilder.Services);

        // A killed silo is declared dead within seconds, so that tests of its loss do not wait half a minute.
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
    }

    public void Configure(IHostBuilder hostBuilder) =>
        hostBuilder.ConfigureLogging(ShowSiloLogsWhenAsked).ConfigureWebHost(web => web
            .UseTestServer()
            .UseWebRoot(Path.Combine(LocalMachine.RepositoryRoot(), "silo", "wwwroot"))
            .ConfigureServices((context, services) => services.AddLinkageApi(context.Configuration).AddSingleton<IStartupFilter, LoopbackConnection>())
            .Configure(app => app.UseLinkageApi()));

    /// <summary>
    /// With <c>LINKAGE_TEST_LOG</c> set, the silos log to the console (Linkage at Debug, the rest at Warning), so that
    /// a failure that shows only under load can be read afterwards.
    /// </summary>
    private static void ShowSiloLogsWhenAsked(ILoggingBuilder logging)
    {
        if (Environment.GetEnvironmentVariable("LINKAGE_TEST_LOG") is null) return;
        logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff "));
        logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Linkage", LogLevel.Debug);
    }
}

/// <summary>Gives the test cluster's client the feed stream, so tests publish as operators do.</summary>
public sealed class LinkageTestClient : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var streams = configuration.GetSection(LinkageStreamOptions.SectionName).Get<LinkageStreamOptions>() ?? new LinkageStreamOptions();
        if (streams.Transport == FeedStreamTransport.Memory)
        {
            clientBuilder.AddMemoryStreams(FeedStream.ProviderName, b => b.ConfigurePartitioning(streams.Queues));
            return;
        }

        var storage = configuration.GetSection(LinkageStorageOptions.SectionName).Get<LinkageStorageOptions>() ?? new LinkageStorageOptions();
        clientBuilder.AddAzureQueueStreams(FeedStream.ProviderName, b => b.ConfigureAzureQueue(o => o.Configure(q =>
        {
            q.QueueServiceClient = new Azure.Storage.Queues.QueueServiceClient(storage.ConnectionString);
            q.QueueNames = [.. ClusterNames.FeedQueues(storage.Prefix, streams.Queues)];
        })));
    }
}

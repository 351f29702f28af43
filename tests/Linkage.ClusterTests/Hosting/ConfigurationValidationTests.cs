using Azure.Data.Tables;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Silo.Hosting;
using Linkage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;

namespace Linkage.ClusterTests.Hosting;

/// <summary>A missing or wrong <c>Linkage:*</c> setting stops the host at start with a message naming it; the providers use the validated options.</summary>
public sealed class ConfigurationValidationTests
{
    private const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    [Theory]
    [InlineData("Linkage:Storage:ConnectionString", "", "Linkage:Storage:ConnectionString: is required")]
    [InlineData("Linkage:Storage:ConnectionString", "not a connection string", "Linkage:Storage:ConnectionString: is not an Azure Storage connection string")]
    [InlineData("Linkage:Storage:Prefix", "Bad-Prefix", "Linkage:Storage:Prefix: must be a lower-case letter")]
    [InlineData("Linkage:Streams:Queues", "0", "Linkage:Streams:Queues: must be between 1 and 64")]
    [InlineData("Linkage:Cluster:SiloPort", "70000", "Linkage:Cluster:SiloPort: must be a port")]
    [InlineData("Linkage:Cluster:AdvertisedAddress", "not-an-address", "Linkage:Cluster:AdvertisedAddress: 'not-an-address' is not an IP address")]
    [InlineData("Linkage:Api:MaxIngestBytes", "0", "Linkage:Api:MaxIngestBytes")]
    [InlineData("Linkage:Cohorts:Perturbation:Enabled", "true", "Linkage:Cohorts:Perturbation:Secret: must be at least 16 characters")]
    [InlineData("Linkage:Operations:Networks:0", "10.0.0.0/33", "Linkage:Operations:Networks:0: '10.0.0.0/33' is not a network")]
    [InlineData("Linkage:Api:RateLimit:AnonymousPermitLimit", "0", "Linkage:Api:RateLimit:AnonymousPermitLimit")]
    [InlineData("Linkage:Engine:SnapshotLinger", "00:00:02", "Linkage:Engine:SnapshotLinger: must be between 0 and 1 s")]
    [InlineData("Linkage:Engine:SnapshotTransactionsInFlight", "0", "Linkage:Engine:SnapshotTransactionsInFlight")]
    [InlineData("Linkage:Testing:CrashAt", "after-lunch", "Linkage:Testing:CrashAt: must be after-log-append")]
    public async Task A_wrong_setting_stops_the_host_naming_it(string setting, string value, string expected)
    {
        await using var app = Host((setting, value));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, failure.Message);
    }

    [Theory]
    [InlineData("Linkage:Api:Keys:0:Hash", "7eee78659ab50d4dd820f4242709d188809ca0249506edf83d70022973d5e2ca", "the development key 'dev-operator-key' is refused in Production")]
    [InlineData("Linkage:Api:Keys:0:Hash", "dev-operator-key", "Linkage:Api:Keys:0:Hash: must be the key's SHA-256")]
    [InlineData("Linkage:Api:RateLimit:PermitLimit", "0", "Linkage:Api:RateLimit:PermitLimit")]
    [InlineData("Linkage:Testing:CrashAt", "after-log-append:3", "Linkage:Testing:CrashAt: a test crash point is refused outside Development")]
    [InlineData("Linkage:Benchmarks:PseudonymSecret", "linkage-development-facility-pseudonyms", "Linkage:Benchmarks:PseudonymSecret: required in Production, and not the development secret")]
    [InlineData("Linkage:Benchmarks:PseudonymSecret", "short", "Linkage:Benchmarks:PseudonymSecret: must be at least 16 characters")]
    public async Task A_production_host_refuses_development_keys_secrets_and_plain_keys(string setting, string value, string expected)
    {
        // A valid pseudonym secret unless the case sets another, so that each case fails for its own reason only.
        await using var app = Host("Production", ("Linkage:Api:Keys:0:Hash", new string('a', 64)), ("Linkage:Api:Keys:0:Roles:0", "admin"),
            ("Linkage:Benchmarks:PseudonymSecret", "a-production-pseudonym-secret"), (setting, value));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public async Task Providers_use_the_validated_storage_account()
    {
        await using var app = Host(("Linkage:Storage:Prefix", "checked"), ("Linkage:Streams:Queues", "3"));

        var account = app.Services.GetRequiredService<StorageAccount>();
        var clustering = app.Services.GetRequiredService<IOptions<AzureStorageClusteringOptions>>().Value;
        var queues = app.Services.GetRequiredService<IOptionsMonitor<Orleans.Configuration.AzureQueueOptions>>().Get(FeedStream.ProviderName);

        Assert.Same(account.Tables, clustering.TableServiceClient);
        Assert.Equal(ClusterNames.MembershipTable("checked"), clustering.TableName);
        Assert.Same(account.Queues, queues.QueueServiceClient);
        Assert.Equal(["checked-feed-0", "checked-feed-1", "checked-feed-2"], queues.QueueNames);
        Assert.IsType<TableServiceClient>(account.Tables);
    }

    [Fact]
    public void The_advertised_address_is_the_configured_one()
    {
        using var app = Host(("Linkage:Cluster:AdvertisedAddress", "127.0.0.2"), ("Linkage:Cluster:SiloPort", "12345"));

        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal("127.0.0.2", endpoints.AdvertisedIPAddress.ToString());
        Assert.Equal(12345, endpoints.SiloPort);
    }

    private static WebApplication Host(params (string Key, string Value)[] settings) => Host("Development", settings);

    private static WebApplication Host(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = Path.Combine(LocalMachine.RepositoryRoot(), "silo"),
        });
        builder.Configuration["Linkage:Storage:ConnectionString"] = Azurite;
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddLinkageSilo();
        builder.Services.AddLinkageApi(builder.Configuration);
        return builder.Build();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>The real host (silo + API) in process, on its own Azurite, with a small ingest limit for the 413 test.</summary>
public sealed class LinkageApiFixture : IAsyncLifetime
{
    public const long MaxIngestBytes = 256 * 1024;

    /// <summary>An operator key of its own with a rate limit of <see cref="LimitedKeyPermits"/> requests a minute.</summary>
    public const string LimitedKey = "limited-operator-key";

    public const int LimitedKeyPermits = 3;

    /// <summary>An operations network besides loopback, whose addresses <c>/metrics</c> answers.</summary>
    public const string OperationsNetwork = "198.51.100.0/24";

    private WebApplicationFactory<Program> _factory = null!;

    public Azurite Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        _factory = new LinkageHostFactory(Storage.ConnectionString, "api", new Dictionary<string, string>
        {
            ["Linkage:Api:MaxIngestBytes"] = MaxIngestBytes.ToString(),
            ["Linkage:Api:RateLimit:Window"] = "00:01:00",
            ["Linkage:Api:Keys:4:Hash"] = Linkage.Silo.Api.ApiKey.HashOf(LimitedKey),
            ["Linkage:Api:Keys:4:Id"] = "limited-operator",
            ["Linkage:Api:Keys:4:Roles:0"] = "operator",
            ["Linkage:Api:Keys:4:PermitLimit"] = LimitedKeyPermits.ToString(),
            ["Linkage:Operations:Networks:0"] = OperationsNetwork,
        });
        using var client = _factory.CreateClient();
        await Eventually.Async(
            async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            () => "host: expected /health/ready to answer 200");
    }

    /// <summary>A client sending <paramref name="apiKey"/> as bearer key (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The in-memory server, for requests from an address of the test's choosing (<c>HttpContext.Connection</c>).</summary>
    public TestServer Server => _factory.Server;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
    }
}

/// <summary>The collection of tests against the in-process host.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LinkageApiFixture>
{
    public const string Name = "api";
}

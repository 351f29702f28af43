using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Population;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Workbench;

/// <summary>
/// The real host on a Kestrel loopback port (a browser needs a real one) on its own Azurite, holding a generated
/// population ingested through the API, and a headless Chromium to look at it.
/// </summary>
public sealed class WorkbenchFixture : IAsyncLifetime
{
    public const string ResearcherKey = "dev-researcher-key";
    public const string OperatorKey = "dev-operator-key";
    public const string AuthorityKey = "dev-authority-key";

    /// <summary>Enough people for groups of ten and more with two survival curves, few enough to ingest in seconds.</summary>
    public static readonly PopulationOptions Population = new() { People = 1500, Seed = 7 };

    private LinkageHostFactory _factory = null!;

    public Azurite Storage { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HeadlessChromium Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        _factory = new LinkageHostFactory(Storage.ConnectionString, "workbench");
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

        using var client = Client(null);
        await Eventually.Async(
            async () => (await client.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            () => "host: expected /health/ready to answer 200");
        await IngestAsync();
        Browser = HeadlessChromium.Start();
    }

    /// <summary>A client of the host's real port sending <paramref name="apiKey"/> as bearer key (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>What the API answers a researcher for <paramref name="definition"/>.</summary>
    public Task<(HttpStatusCode Status, string Body)> CountAsync(string definition, string apiKey = ResearcherKey) =>
        PostAsync("api/v1/cohorts/count", definition, apiKey);

    /// <summary>What the API answers a researcher for the safety-v1 sequence symmetry <paramref name="request"/>.</summary>
    public Task<(HttpStatusCode Status, string Body)> SsaAsync(string request, string apiKey = ResearcherKey) =>
        PostAsync("api/v1/safety/ssa", request, apiKey);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body, string apiKey)
    {
        using var client = Client(apiKey);
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task IngestAsync()
    {
        var lines = PopulationGenerator.Generate(Population).Lines.Select(l => l.Text).ToList();
        using var client = Client(OperatorKey);
        foreach (var batch in lines.Chunk(4000))
        {
            using var response = await client.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest: expected 200, saw {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
    }
}

/// <summary>The tests against the workbench host: the page, the OpenAPI document and <c>linkage query</c>.</summary>
[CollectionDefinition(Name)]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchFixture>
{
    public const string Name = "workbench";
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Linkage.ClusterTests.Hosting;

/// <summary><c>/health/ready</c> answers 503 with the reason once storage is gone; <c>/health/live</c> answers while the process works.</summary>
public sealed partial class ReadinessTests : IAsyncLifetime
{
    private Azurite _storage = null!;
    private WebApplicationFactory<Program> _host = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        _host = new OwnStorageHost(_storage.ConnectionString);
    }

    [Fact]
    public async Task Ready_is_503_naming_storage_once_storage_is_gone_while_live_stays_200()
    {
        using var client = _host.CreateClient();
        await Eventually.Async(
            async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            () => "host: expected /health/ready to answer 200 before storage goes");

        await _storage.StopAsync();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var storage = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.Matches(StorageReason(), storage.GetProperty("reason").GetString());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_storage is not null) await _storage.DisposeAsync();
    }

    // Refused connections are retried by the Azure SDK, so the probe's deadline may come first.
    [System.Text.RegularExpressions.GeneratedRegex("^storage (does not answer: .+|did not answer within 3 s)$")]
    private static partial System.Text.RegularExpressions.Regex StorageReason();

    private sealed class OwnStorageHost(string storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(LocalMachine.RepositoryRoot(), "silo"));
            builder.UseSetting("Linkage:Storage:ConnectionString", storage);
            builder.UseSetting("Linkage:Storage:Prefix", "ready");
            builder.UseSetting("Linkage:Streams:Transport", "Memory");
            builder.UseSetting("Linkage:Cluster:Membership", "Localhost");
            builder.UseSetting("Linkage:Cluster:SiloPort", LocalMachine.FreePort().ToString());
            builder.UseSetting("Linkage:Cluster:GatewayPort", LocalMachine.FreePort().ToString());
        }
    }
}

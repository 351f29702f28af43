using System.Net.Http.Headers;
using Linkage.Silo.Api;
using Linkage.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>The host's HTTP API, in memory, in front of a test cluster: the HTTP path into a TestingHost cluster.</summary>
public sealed class LinkageHttpFront : IAsyncDisposable
{
    public const string OperatorKey = "front-operator-key";
    public const string AdminKey = "front-admin-key";

    private readonly WebApplication _app;

    private LinkageHttpFront(WebApplication app) => _app = app;

    public static async Task<LinkageHttpFront> StartAsync(TestCluster cluster)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Linkage:Tokens:Secret"] = "front-secret";
        builder.Configuration["Linkage:Api:Keys:0:Key"] = OperatorKey;
        builder.Configuration["Linkage:Api:Keys:0:Roles:0"] = ApiRoles.Operator;
        builder.Configuration["Linkage:Api:Keys:1:Key"] = AdminKey;
        builder.Configuration["Linkage:Api:Keys:1:Roles:0"] = ApiRoles.Admin;
        builder.Configuration["Linkage:Api:IngestChunk"] = "50";
        builder.AddLinkageApi();
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIngestApi();
        app.MapPeopleApi();
        app.MapLinksApi();
        await app.StartAsync();
        return new LinkageHttpFront(app);
    }

    public HttpClient Client(string apiKey)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

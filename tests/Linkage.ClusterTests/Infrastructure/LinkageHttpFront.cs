using System.Net.Http.Headers;
using Linkage.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>The host's HTTP API as a test silo serves it (the production pipeline on an in-memory server).</summary>
public sealed class LinkageHttpFront : IAsyncDisposable
{
    public const string OperatorKey = "front-operator-key";
    public const string ResearcherKey = "front-researcher-key";
    public const string AdminKey = "front-admin-key";
    public const string AuthorityKey = "front-authority-key";

    private readonly TestServer _server;
    private readonly HttpAnswers? _answers;

    private LinkageHttpFront(TestServer server, HttpAnswers? answers = null) => (_server, _answers) = (server, answers);

    /// <summary>The same API, each answer its clients get recorded into <paramref name="answers"/>.</summary>
    public LinkageHttpFront RecordingInto(HttpAnswers answers) => new(_server, answers);

    /// <summary>The API of silo number <paramref name="silo"/>, once its engine takes ingests.</summary>
    public static async Task<LinkageHttpFront> StartAsync(TestCluster cluster, int silo = 0)
    {
        var handle = (InProcessSiloHandle)cluster.Silos[silo % cluster.Silos.Count];
        var services = handle.SiloHost.Services;
        await WaitOpenAsync(services, handle.Name);
        return new LinkageHttpFront((TestServer)services.GetRequiredService<IServer>());
    }

    /// <summary>The API of silo number <paramref name="silo"/> of a cluster whose engines already take ingests.</summary>
    public static LinkageHttpFront Of(TestCluster cluster, int silo = 0)
    {
        var handle = (InProcessSiloHandle)cluster.Silos[silo % cluster.Silos.Count];
        return new LinkageHttpFront((TestServer)handle.SiloHost.Services.GetRequiredService<IServer>());
    }

    /// <summary>Waits for a silo's engine gate (closed while the cluster recovers).</summary>
    public static async Task WaitOpenAsync(IServiceProvider services, string silo)
    {
        var gate = services.GetRequiredService<EngineGate>();
        if (!await gate.WaitOpenAsync(TimeSpan.FromSeconds(90)))
        {
            throw new TimeoutException($"silo {silo}: expected the engine gate open after 90 s; it is closed: {gate.Reason}");
        }
    }

    public HttpClient Client(string apiKey)
    {
        var client = _answers is null ? _server.CreateClient() : new HttpClient(_answers.Around(_server.CreateHandler())) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

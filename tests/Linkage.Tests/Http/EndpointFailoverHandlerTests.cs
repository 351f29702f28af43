using System.Net;
using System.Net.Sockets;
using Linkage.Client.Http;

namespace Linkage.Tests.Http;

/// <summary>The client's failover between silos: an endpoint that cannot be reached is left for the next; answers are never resent.</summary>
public sealed class EndpointFailoverHandlerTests
{
    private static readonly Uri First = new("http://silo-1.test:8080/");
    private static readonly Uri Second = new("http://silo-2.test:8081/");

    [Fact]
    public async Task A_request_that_cannot_reach_the_first_silo_goes_to_the_next_with_its_path_and_body()
    {
        var silos = new FakeSilos(down: [First.Authority]);
        using var http = new HttpClient(new EndpointFailoverHandler([First, Second], silos)) { BaseAddress = First };

        using var response = await http.PostAsync("api/v1/ingest?dryRun=1", new StringContent("{\"line\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["silo-1.test:8080/api/v1/ingest?dryRun=1", "silo-2.test:8081/api/v1/ingest?dryRun=1"], silos.Asked);
        Assert.Equal(["{\"line\":1}"], silos.Bodies);
    }

    [Fact]
    public async Task The_silo_that_answered_is_asked_first_from_then_on()
    {
        var silos = new FakeSilos(down: [First.Authority]);
        var handler = new EndpointFailoverHandler([First, Second], silos);
        using var http = new HttpClient(handler) { BaseAddress = First };

        (await http.GetAsync("api/v1/links")).Dispose();
        silos.Asked.Clear();
        (await http.GetAsync("api/v1/links")).Dispose();

        Assert.Equal(["silo-2.test:8081/api/v1/links"], silos.Asked);
        Assert.Equal(Second, handler.Current);
    }

    [Fact]
    public async Task An_answer_such_as_503_is_returned_not_sent_elsewhere()
    {
        var silos = new FakeSilos(down: [], status: HttpStatusCode.ServiceUnavailable);
        using var http = new HttpClient(new EndpointFailoverHandler([First, Second], silos)) { BaseAddress = First };

        using var response = await http.PostAsync("api/v1/ingest", new StringContent("x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["silo-1.test:8080/api/v1/ingest"], silos.Asked);
    }

    [Fact]
    public async Task When_no_silo_can_be_reached_the_last_failure_is_the_callers()
    {
        var silos = new FakeSilos(down: [First.Authority, Second.Authority]);
        using var http = new HttpClient(new EndpointFailoverHandler([First, Second], silos)) { BaseAddress = First };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/v1/links"));

        Assert.Contains("silo-2.test", failure.Message);
        Assert.Equal(2, silos.Asked.Count);
    }

    /// <summary>Silos behind a fake network: those listed as down refuse the connection, the others answer.</summary>
    private sealed class FakeSilos(string[] down, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Asked.Add(uri.Authority + uri.PathAndQuery);
            if (down.Contains(uri.Authority))
            {
                throw new HttpRequestException($"connection refused ({uri.Authority})", new SocketException((int)SocketError.ConnectionRefused));
            }

            if (request.Content is { } content) Bodies.Add(await content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(status) { RequestMessage = request };
        }
    }
}

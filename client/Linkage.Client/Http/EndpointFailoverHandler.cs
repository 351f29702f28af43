namespace Linkage.Client.Http;

/// <summary>
/// Sends each request to one of several API endpoints (the silos' HTTP addresses): one that cannot be reached is left
/// for the next, and the one that answered is asked first from then on. Only a request that never reached a silo
/// goes elsewhere; any answer, 503 included, is the caller's to handle.
/// </summary>
/// <remarks>
/// Sending an ingest again elsewhere is safe: a version already stored counts as a duplicate. Requests are built on
/// the first endpoint (the <see cref="HttpClient.BaseAddress"/>), and their path is moved onto the one in use.
/// </remarks>
public sealed class EndpointFailoverHandler : DelegatingHandler
{
    private readonly IReadOnlyList<Uri> _endpoints;
    private int _current;

    public EndpointFailoverHandler(IReadOnlyList<Uri> endpoints, HttpMessageHandler inner)
        : base(inner)
    {
        if (endpoints.Count == 0) throw new ArgumentException("at least one endpoint is needed", nameof(endpoints));
        _endpoints = endpoints;
    }

    /// <summary>The endpoint asked first.</summary>
    public Uri Current => _endpoints[Volatile.Read(ref _current)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = _endpoints[0].MakeRelativeUri(request.RequestUri!);
        var first = Volatile.Read(ref _current);
        for (var attempt = 0; ; attempt++)
        {
            var index = (first + attempt) % _endpoints.Count;
            request.RequestUri = new Uri(_endpoints[index], path);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                Volatile.Write(ref _current, index);
                return response;
            }
            catch (HttpRequestException) when (attempt + 1 < _endpoints.Count && !cancellationToken.IsCancellationRequested)
            {
                // Not reached (refused, reset, unknown host): the next endpoint gets the same request.
            }
        }
    }
}

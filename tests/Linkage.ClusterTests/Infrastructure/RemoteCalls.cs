using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Requests to an in-memory host as if from another machine: the test sets the connection's address.</summary>
public static class RemoteCalls
{
    /// <summary>A bodiless request from <paramref name="from"/>, with <paramref name="apiKey"/> as bearer key when given; the status, headers and body.</summary>
    public static async Task<(int Status, IHeaderDictionary Headers, string Body)> SendFromAsync(this TestServer server, IPAddress from, string method, string path, string? apiKey = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = method;
            c.Request.Path = path;
            if (apiKey is not null) c.Request.Headers.Authorization = "Bearer " + apiKey;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers, await reader.ReadToEndAsync());
    }
}

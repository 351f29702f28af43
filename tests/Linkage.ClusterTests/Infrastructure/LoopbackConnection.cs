using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Net;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Gives requests of the in-memory test server the loopback address a local Kestrel connection has (the test server
/// sets none), so that what answers loopback only (<c>/metrics</c>) and what counts per address see a local client;
/// a request that sets its own address keeps it.
/// </summary>
public sealed class LoopbackConnection : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}

using Microsoft.Extensions.Options;

namespace Linkage.Silo.Hosting;

/// <summary>
/// Endpoints only operations may read (<c>/metrics</c>): answered to loopback and the networks of
/// <c>Linkage:Operations:Networks</c>, 403 problem+json to anyone else. They carry no key, so the address is their
/// only credential; a middleware, because the Prometheus endpoint is not a route handler that filters could wrap.
/// </summary>
public static class OperationsNetworks
{
    /// <summary>Marks endpoints answered only to the operations networks.</summary>
    public static TBuilder RequireOperationsNetwork<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(e => e.Metadata.Add(Marker.Instance));
        return builder;
    }

    /// <summary>Refuses requests to marked endpoints from elsewhere; after routing, which finds the endpoint.</summary>
    public static IApplicationBuilder UseOperationsNetworks(this IApplicationBuilder app)
    {
        var networks = app.ApplicationServices.GetRequiredService<IOptions<LinkageOperationsOptions>>().Value.Parsed();
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is null || LinkageOperationsOptions.Allows(networks, context.Connection.RemoteIpAddress))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Forbidden",
                    Detail = "This endpoint answers only loopback and the operations networks (Linkage:Operations:Networks); read it from there.",
                },
            });
        });
    }

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}

using Linkage.Silo.Api;
using Microsoft.AspNetCore.Authorization;
using Orleans.Dashboard;

namespace Linkage.Silo.Hosting;

/// <summary>
/// Who may call what: every endpoint the host maps, under the roles api-v1 gives it (docs/contracts/api-v1.md's table)
/// or explicitly open. The one place roles are set; an endpoint mapped without either is refused by the fallback
/// policy (<see cref="FallbackPolicy"/>), so a forgotten role closes a route instead of opening it.
/// </summary>
public static class LinkageRoutes
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The policy of an endpoint that names no role and is not open: refused (401 without a key, 403 with one). A request
    /// that matched no endpoint passes, so that an unknown path stays a 404.
    /// </summary>
    public static AuthorizationPolicy FallbackPolicy { get; } = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAssertion(c => c.Resource is HttpContext http && http.GetEndpoint() is null)
        .Build();

    public static IEndpointRouteBuilder MapLinkageRoutes(this IEndpointRouteBuilder endpoints)
    {
        var operators = For(endpoints, ApiRoles.Operator);
        operators.MapIngestApi();
        operators.MapFeedsApi();

        For(endpoints, ApiRoles.Researcher).MapCohortsApi();
        For(endpoints, ApiRoles.Researcher, ApiRoles.Authority).MapBenchmarksApi();
        For(endpoints, ApiRoles.Researcher, ApiRoles.Authority).MapSafetyApi();
        For(endpoints, ApiRoles.Authority).MapSafetyMonitorsApi();

        var authority = For(endpoints, ApiRoles.Authority);
        authority.MapAlertsApi();
        authority.MapSurveillanceApi();

        var admins = For(endpoints, ApiRoles.Admin);
        admins.MapPeopleApi();
        admins.MapLinksApi();
        admins.MapAuditApi();
        admins.MapOptOutApi();

        // Open: probes, the API's own description and the dashboard (as api-v1 has them); metrics to operations networks only.
        var open = endpoints.MapGroup(string.Empty).AllowAnonymous();
        open.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        open.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        open.MapLinkageTelemetry().RequireOperationsNetwork();
        open.MapLinkageOpenApi();
        open.MapOrleansDashboard(routePrefix: "/dashboard");
        return endpoints;
    }

    /// <summary>A group whose endpoints answer keys carrying any of <paramref name="roles"/>.</summary>
    private static RouteGroupBuilder For(IEndpointRouteBuilder endpoints, params string[] roles) =>
        endpoints.MapGroup(string.Empty).RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
}

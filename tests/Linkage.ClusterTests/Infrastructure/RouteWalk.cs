using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Every route a host maps (its <see cref="EndpointDataSource"/>, as the pipeline routes) with the access its metadata
/// gives it, held to api-v1: each <c>/api</c> route has exactly the contract's roles, every other route is open on
/// purpose, and no route is left to the fallback policy. Contract routes the host does not map are not built yet.
/// </summary>
public sealed class RouteWalk
{
    /// <summary>A mapped route: its method (<c>*</c> for any), pattern, roles (null: open) and the contract's row for it.</summary>
    public sealed record Mapped(string Method, string Pattern, IReadOnlySet<string>? Roles, ApiContract.Route? Contract)
    {
        public override string ToString() => $"{Method} {Pattern} ({(Roles is null ? "open" : string.Join(", ", Roles.Order()))})";
    }

    public required IReadOnlyList<Mapped> Routes { get; init; }

    /// <summary>What breaks the contract or is left to the fallback policy, one line each.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>The contract's <c>/api</c> routes the host does not map (yet).</summary>
    public required IReadOnlyList<ApiContract.Route> NotBuilt { get; init; }

    public static async Task<RouteWalk> OfAsync(IServiceProvider host, ApiContract contract)
    {
        var policies = host.GetRequiredService<IAuthorizationPolicyProvider>();
        var (routes, failures) = (new List<Mapped>(), new List<string>());
        foreach (var endpoint in host.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var api = pattern.StartsWith("/api/", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var (authorizeData, policyData) = (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            IReadOnlySet<string>? roles = null;
            if (!open)
            {
                if (authorizeData.Count == 0 && policyData.Count == 0)
                {
                    failures.Add($"{string.Join(",", methods)} {pattern}: mapped without a role or AllowAnonymous, left to the fallback policy, which refuses it; give it its roles in LinkageRoutes");
                    continue;
                }

                // The policy the authorization middleware enforces: a key passes when it carries one of its roles.
                var policy = await AuthorizationPolicy.CombineAsync(policies, authorizeData, policyData);
                var required = policy!.Requirements.OfType<RolesAuthorizationRequirement>().ToList();
                if (required.Count != 1)
                {
                    failures.Add($"{string.Join(",", methods)} {pattern}: expected one role requirement (any of the roles), saw {required.Count}");
                    continue;
                }

                roles = required[0].AllowedRoles.ToHashSet();
            }

            foreach (var method in methods)
            {
                var row = contract.Find(method, pattern);
                routes.Add(new Mapped(method, pattern, roles, row));
                var shown = $"{method} {pattern}";
                if (api && roles is null) failures.Add($"{shown}: open, but every /api route needs a key's role");
                else if (api && row is null) failures.Add($"{shown}: mapped, but not in api-v1 ({ApiContract.FilePath})");
                else if (row is not null && !(roles ?? new HashSet<string>()).SetEquals(row.Roles))
                {
                    failures.Add($"{shown}: roles {(roles is null ? "none" : string.Join(", ", roles.Order()))}, api-v1 says {(row.IsOpen ? "none" : string.Join(", ", row.Roles.Order()))}");
                }
            }
        }

        var notBuilt = contract.Routes
            .Where(r => r.Method is not null && r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .Where(r => !routes.Any(m => m.Method == r.Method && ApiContract.Shape(m.Pattern) == ApiContract.Shape(r.Path)))
            .ToList();
        return new RouteWalk { Routes = routes, Failures = failures, NotBuilt = notBuilt };
    }
}

using System.Net;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Silo.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// The host's routes are api-v1's: walking every endpoint the production pipeline maps, each <c>/api</c> route needs
/// exactly the roles of docs/contracts/api-v1.md's table (read at test time), every other one is open on purpose, and
/// an endpoint mapped without a role is refused by the fallback policy and named by the walk.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RouteContractTests(LinkageApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_mapped_route_has_exactly_the_roles_api_v1_gives_it_and_none_is_left_to_the_fallback()
    {
        var contract = ApiContract.Load();
        var walk = await RouteWalk.OfAsync(api.Services, contract);

        output.WriteLine($"walked {walk.Routes.Count} routes: {string.Join("; ", walk.Routes)}");
        output.WriteLine($"not built yet ({walk.NotBuilt.Count}): {string.Join("; ", walk.NotBuilt)}");
        var apiRoutes = walk.Routes.Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.True(apiRoutes.Count >= 8 && apiRoutes.All(r => r.Contract is not null), $"expected the API routes walked, each found in api-v1: {string.Join("; ", apiRoutes)}");
        Assert.Contains(walk.Routes, r => r.Pattern == "/metrics" && r.Roles is null && r.Contract is not null);
        Assert.True(walk.Failures.Count == 0, string.Join("\n", walk.Failures));

        // The table's roles are the host's roles, and routes the host serves beyond it leave this list once api-v1 lists them.
        Assert.All(contract.Routes.SelectMany(r => r.Roles), role => Assert.Contains(role, ApiRoles.All));
        Assert.All(ApiContract.BeyondContract, extra => Assert.DoesNotContain(contract.Routes, r => r.Method == extra.Method && ApiContract.Shape(r.Path) == ApiContract.Shape(extra.Path)));
    }

    [Fact]
    public void The_contract_table_is_read_with_each_route_of_a_shared_cell_and_optional_segments()
    {
        var contract = ApiContract.Load();

        Assert.Contains(contract.Routes, r => r is { Method: "POST", Path: "/api/v1/ingest" } && r.Roles.SetEquals(["operator"]));
        Assert.Contains(contract.Routes, r => r is { Method: "POST", Path: "/api/v1/safety/ssa" } && r.Roles.SetEquals(["researcher", "authority"]));
        foreach (var method in new[] { "PUT", "GET", "DELETE" })
        {
            Assert.Contains(contract.Routes, r => r.Method == method && r.Path == "/api/v1/surveillance/indicators/{name}" && r.Roles.SetEquals(["authority"]));
        }

        Assert.Contains(contract.Routes, r => r is { Method: "GET", Path: "/api/v1/safety/monitors" });
        Assert.Contains(contract.Routes, r => r is { Method: "GET", Path: "/api/v1/safety/monitors/{name}" });
        Assert.Contains(contract.Routes, r => r is { Method: "GET", Path: "/metrics", IsOpen: true, Note: "loopback or an operations network" });
        Assert.Contains(contract.Routes, r => r is { Method: null, Path: "/workbench/", IsOpen: true });
    }

    [Fact]
    public async Task An_endpoint_mapped_without_a_role_is_refused_by_the_fallback_and_named_by_the_walk()
    {
        await using var host = new LinkageHostFactory(api.Storage.ConnectionString, "unguarded");
        var unguarded = host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ForgottenRole>()));

        using var anonymous = unguarded.CreateClient();
        using var admin = unguarded.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", "dev-admin-key");
        using var refusedAnonymous = await anonymous.GetAsync(ForgottenRole.Path);
        using var refusedAdmin = await admin.GetAsync(ForgottenRole.Path);
        using var unknown = await anonymous.GetAsync("/no-such-path");
        var walk = await RouteWalk.OfAsync(unguarded.Services, ApiContract.Load());

        Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedAdmin.StatusCode);
        Assert.DoesNotContain(ForgottenRole.Answer, await refusedAdmin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var flagged = Assert.Single(walk.Failures);
        Assert.Contains($"GET {ForgottenRole.Path}: mapped without a role or AllowAnonymous", flagged);
    }

    /// <summary>The production pipeline, then an endpoint mapped the way one is forgotten: no role, no AllowAnonymous.</summary>
    private sealed class ForgottenRole : IStartupFilter
    {
        public const string Path = "/api/v1/forgotten";
        public const string Answer = "the forgotten endpoint answered";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseEndpoints(endpoints => endpoints.MapGet(Path, () => Answer));
        };
    }
}

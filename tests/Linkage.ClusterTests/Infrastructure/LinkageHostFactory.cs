using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>The real host (<c>Program</c>: silo + API + pages) in process on its own Azurite, with the development keys.</summary>
public sealed class LinkageHostFactory(string storage, string prefix, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(Path.Combine(LocalMachine.RepositoryRoot(), "silo"));
        builder.UseSetting("Linkage:Storage:ConnectionString", storage);
        builder.UseSetting("Linkage:Storage:Prefix", prefix);
        builder.UseSetting("Linkage:Streams:Transport", "Memory");
        builder.UseSetting("Linkage:Cluster:Membership", "Localhost");
        builder.UseSetting("Linkage:Cluster:SiloPort", LocalMachine.FreePort().ToString());
        builder.UseSetting("Linkage:Cluster:GatewayPort", LocalMachine.FreePort().ToString());
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackConnection>());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}

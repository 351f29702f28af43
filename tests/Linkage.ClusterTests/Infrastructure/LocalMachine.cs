using System.Net;
using System.Net.Sockets;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>What tests need of the machine they run on: free loopback ports and the repository's folder.</summary>
public static class LocalMachine
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linkage.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"no Linkage.sln above {AppContext.BaseDirectory}");
    }
}

using System.Net;
using System.Net.Sockets;

namespace Linkage.Bench;

/// <summary>What the benchmarks that run the real host as a child process need of this machine: free ports, the repository.</summary>
public static class LocalMachine
{
    /// <summary>A loopback port free at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository the benchmark was built in (where the host's build is).</summary>
    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linkage.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("run the benchmark from within the repository (Linkage.sln not found above it)");
    }
}

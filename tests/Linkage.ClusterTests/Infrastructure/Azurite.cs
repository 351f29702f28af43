using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>A real Azurite on free loopback ports, in memory, for the life of a test collection.</summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        TablePort = tablePort;
    }

    public string ConnectionString { get; }

    public int TablePort { get; }

    /// <summary>Starts the Azurite pinned in <c>infra/</c> (installed by <c>infra/test</c>).</summary>
    public static async Task<Azurite> StartAsync()
    {
        var root = LocalMachine.RepositoryRoot();
        var azurite = Path.Combine(root, "infra", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run infra/test (or infra/tools) once to install it.");
        }

        var (blob, queue, table) = (LocalMachine.FreePort(), LocalMachine.FreePort(), LocalMachine.FreePort());
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                azurite, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new Azurite(process, blob, queue, table);
        await Eventually.Async(
            async () => await Listening(blob) && await Listening(queue) && await Listening(table),
            TimeSpan.FromSeconds(30),
            () => $"Azurite did not listen on 127.0.0.1:{blob},{queue},{table} (exited: {process.HasExited})");
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

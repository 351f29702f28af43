using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>A real Azurite on free loopback ports, in memory, for the life of a test collection.</summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _location;
    private readonly (int Blob, int Queue, int Table) _ports;
    private Process _process;

    private Azurite(Process process, string? location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        _ports = (blobPort, queuePort, tablePort);
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Starts the Azurite pinned in <c>infra/</c> (installed by <c>infra/test</c>): in memory, or on disk under <paramref name="location"/>.</summary>
    public static async Task<Azurite> StartAsync(string? location = null)
    {
        var (blob, queue, table) = (LocalMachine.FreePort(), LocalMachine.FreePort(), LocalMachine.FreePort());
        var instance = new Azurite(Launch(location, blob, queue, table), location, blob, queue, table);
        await instance.WaitUntilListening();
        return instance;
    }

    /// <summary>Stops the emulator, as a storage outage would.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts it again on the same ports (and, on disk, with the same data).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(_location, _ports.Blob, _ports.Queue, _ports.Table);
        await WaitUntilListening();
    }

    private static Process Launch(string? location, int blob, int queue, int table)
    {
        var azurite = Path.Combine(LocalMachine.RepositoryRoot(), "infra", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run infra/test (or infra/tools) once to install it.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                azurite, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Task WaitUntilListening() => Eventually.Async(
        async () => await Listening(_ports.Blob) && await Listening(_ports.Queue) && await Listening(_ports.Table),
        TimeSpan.FromSeconds(30),
        () => $"Azurite did not listen on 127.0.0.1:{_ports.Blob},{_ports.Queue},{_ports.Table} (exited: {_process.HasExited})");

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

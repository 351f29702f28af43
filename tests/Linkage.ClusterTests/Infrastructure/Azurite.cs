using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>A real Azurite on loopback ports of its own choosing, in memory or on disk, for the life of a test fixture.</summary>
public sealed partial class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // A bound, not a measure: on two loaded cores (load average 50+) a start has taken over 30 s.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _location;
    private readonly (int Blob, int Queue, int Table) _ports;
    private Process _process;

    private Azurite(Process process, string? location, (int Blob, int Queue, int Table) ports)
    {
        _process = process;
        _location = location;
        _ports = ports;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports.Table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Starts the Azurite pinned in <c>infra/</c> (installed by <c>infra/test</c>): in memory, or on disk under <paramref name="location"/>.</summary>
    /// <remarks>Port 0 lets Azurite bind free ports itself and say which, so that no other test can take them in between.</remarks>
    public static async Task<Azurite> StartAsync(string? location = null)
    {
        var (process, ports) = await LaunchAsync(location, (0, 0, 0));
        return new Azurite(process, location, ports);
    }

    /// <summary>
    /// Stops the emulator, as a storage outage would: asked to stop (SIGTERM), so that it keeps what it acknowledged
    /// (on SIGKILL Azurite loses its last writes, which real storage never does); killed if it does not stop.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = SendSignal(_process.Id, SigTerm);
        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(stopped.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Starts it again on the same ports (and, on disk, with the same data).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        (_process, _) = await LaunchAsync(_location, _ports);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static async Task<(Process Process, (int Blob, int Queue, int Table) Ports)> LaunchAsync(string? location, (int Blob, int Queue, int Table) ports)
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
                "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(),
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

        var listening = new ConcurrentDictionary<string, int>();
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await Eventually.Async(
                () => Task.FromResult(listening.Count == 3 || process.HasExited),
                StartTimeout,
                () => $"Azurite: expected Blob, Queue and Table listening, saw [{string.Join(", ", listening.Keys)}]; output: {string.Join(" | ", output)}");
            if (listening.Count < 3)
            {
                throw new InvalidOperationException($"Azurite exited before it listened: {string.Join(" | ", output)}");
            }
        }
        catch
        {
            // A start that failed must not leave an emulator behind for the rest of the run (or the next one).
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return (process, (listening["Blob"], listening["Queue"], listening["Table"]));

        void Note(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } m) listening[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}

using System.Diagnostics;
using System.Threading.Channels;

namespace Linkage.Bench;

/// <summary>
/// The built host (<c>silo/bin/Release/net10.0/Linkage.Silo.dll</c>) as a child process in Development on the given
/// settings, for the crash soak: started, watched through its output lines, killed with SIGKILL.
/// </summary>
public sealed class SoakHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private SoakHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The settings of a host on <paramref name="storage"/> in a cluster of its own named <paramref name="prefix"/>
    /// (its storage prefix too; Azure Table membership, so that a client finds its gateway), on free ports.
    /// </summary>
    public static Dictionary<string, string> ClusterOfItsOwn(string storage, string prefix) => new()
    {
        ["Linkage:Storage:ConnectionString"] = storage,
        ["Linkage:Storage:Prefix"] = prefix,
        ["Linkage:Cluster:ClusterId"] = prefix,
        ["Linkage:Cluster:ServiceId"] = prefix,
        ["Linkage:Cluster:Membership"] = "AzureTable",
        ["Linkage:Cluster:SiloPort"] = LocalMachine.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Linkage:Cluster:GatewayPort"] = LocalMachine.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts the host and waits until its engine takes ingests and Kestrel listens.</summary>
    public static async Task<SoakHost> StartAsync(string repository, int httpPort, IReadOnlyDictionary<string, string> settings)
    {
        var silo = Path.Combine(repository, "silo", "bin", "Release", "net10.0", "Linkage.Silo.dll");
        if (!File.Exists(silo)) throw new InvalidOperationException($"the host is not built at {silo}: dotnet build silo -c Release");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--contentRoot", Path.Combine(repository, "silo") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var host = new SoakHost(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{httpPort}"));
        host._process.OutputDataReceived += (_, e) => host.Note(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Note(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        _ = host._process.WaitForExitAsync().ContinueWith(_ => host._lines.Writer.TryComplete(), TaskScheduler.Default);
        await host.WaitForAllAsync(["the cluster has recovered; ingest is open", "Now listening on: "], TimeSpan.FromMinutes(2));
        return host;
    }

    /// <summary>Waits for lines containing each of <paramref name="texts"/>, in any order; fails if the host exits first or time runs out.</summary>
    public async Task WaitForAllAsync(IReadOnlyList<string> texts, TimeSpan timeout)
    {
        var waiting = texts.ToList();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (waiting.Count > 0)
            {
                var line = await _lines.Reader.ReadAsync(deadline.Token);
                waiting.RemoveAll(t => line.Contains(t, StringComparison.Ordinal));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"host {BaseAddress}: never wrote [{string.Join("], [", waiting)}] (exited: {_process.HasExited})");
        }
    }

    /// <summary>Waits for the host to die by itself; its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
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

    private void Note(string? line)
    {
        if (line is not null) _lines.Writer.TryWrite(line);
    }
}

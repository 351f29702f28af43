using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// The real host (<c>Linkage.Silo.dll</c>, as <c>infra/up</c> runs it) as a child process on fixed settings, so that a
/// test can kill it with SIGKILL and start it again on the same storage. Its log lines are the test's signals.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;
    private Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _recent = [];

    public HostProcess(Dictionary<string, string> settings, int httpPort)
    {
        _settings = settings;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    /// <summary>The settings the next start uses (a test changes them between starts, e.g. to arm or disarm a crash point).</summary>
    public Dictionary<string, string> Settings => _settings;

    /// <summary>Whether the process has exited (killed, or dead by its own hand at a crash point).</summary>
    public bool HasExited => _process is null || _process.HasExited;

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Starts the host and waits for its log to say that ingest is open (the cluster recovered).</summary>
    public async Task StartAsync()
    {
        var silo = Path.Combine(LocalMachine.RepositoryRoot(), "silo", "bin", "Release", "net10.0", "Linkage.Silo.dll");
        if (!File.Exists(silo)) throw new InvalidOperationException($"the host is not built at {silo}: run infra/test, which builds it");

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--contentRoot", Path.Combine(LocalMachine.RepositoryRoot(), "silo") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        _lines = Channel.CreateUnbounded<string>();
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Note(e.Data);
        _process.ErrorDataReceived += (_, e) => Note(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Once it is gone and its output read to the end, a wait for a line it never wrote fails at once.
        var process = _process;
        var lines = _lines;
        _ = process.WaitForExitAsync().ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        // Either may come first: the engine opens ingest on the silo's start, Kestrel listens on the web host's.
        await WaitForLinesAsync([new Regex("the cluster has recovered; ingest is open"), new Regex("Now listening on: ")], TimeSpan.FromSeconds(120));
    }

    /// <summary>Waits until the host has logged a line matching each of <paramref name="patterns"/>, in any order (from now on).</summary>
    public async Task WaitForLinesAsync(IReadOnlyList<Regex> patterns, TimeSpan timeout)
    {
        var waiting = patterns.ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (waiting.Count > 0)
        {
            var left = timeout - clock.Elapsed;
            var line = await WaitForLineAsync(new Regex(string.Join("|", waiting.Select(p => $"(?:{p})"))), left > TimeSpan.Zero ? left : TimeSpan.Zero);
            waiting.RemoveAll(p => p.IsMatch(line));
        }
    }

    /// <summary>Waits for the host to log a line matching <paramref name="pattern"/> (from now on).</summary>
    public async Task<string> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(deadline.Token);
                if (pattern.IsMatch(line)) return line;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            string recent;
            lock (_recent) recent = string.Join("\n", _recent.TakeLast(30));
            throw new TimeoutException($"host on port {HttpPort}: expected a log line matching /{pattern}/ within {timeout.TotalSeconds:0} s (exited: {_process?.HasExited}); its last lines:\n{recent}");
        }
    }

    /// <summary>Waits for the process to exit by itself (it must: a test that waits for it fails otherwise); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null) throw new InvalidOperationException("the host was never started");
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"host on port {HttpPort}: expected it to exit within {timeout.TotalSeconds:0} s, it still runs");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, as <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _lines.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Note(string? line)
    {
        if (line is null) return;
        if (Environment.GetEnvironmentVariable("LINKAGE_TEST_HOST_LOG") is { Length: > 0 } file) File.AppendAllText(file, $"[{HttpPort}] {line}\n");
        _lines.Writer.TryWrite(line);
        lock (_recent)
        {
            _recent.Add(line);
            if (_recent.Count > 200) _recent.RemoveAt(0);
        }
    }
}

using System.Diagnostics;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Runs the built <c>linkage</c> command-line tool as a researcher or operator would, capturing what it prints.</summary>
public static class LinkageCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var cli = Path.Combine(LocalMachine.RepositoryRoot(), "client", "Linkage.Cli", "bin", "Release", "net10.0", "linkage.dll");
        if (!File.Exists(cli)) throw new InvalidOperationException($"the CLI is not built at {cli}: run infra/test, which builds it");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("LINKAGE_API_KEY");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"linkage {string.Join(' ', arguments)}: expected it to exit within {Timeout.TotalSeconds} s; it printed {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}

using Linkage.Client.Http;

namespace Linkage.Cli.Commands;

/// <summary>One API call of a command: a refusal prints the server's reasons, an unreachable API says which, and both exit 1.</summary>
internal static class ApiCall
{
    /// <summary>True when <paramref name="call"/> succeeded; otherwise the reason is written to <paramref name="error"/>.</summary>
    public static async Task<bool> TryAsync(string command, TextWriter error, string? api, Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (LinkageApiException ex)
        {
            await error.WriteLineAsync($"{command}: {ex.Message}");
            foreach (var problem in ex.Errors) await error.WriteLineAsync($"  {problem}");
            return false;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"{command}: could not reach {api}: {ex.Message}");
            return false;
        }
    }
}

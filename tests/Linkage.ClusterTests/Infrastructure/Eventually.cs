namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it holds; on timeout fails with <paramref name="describe"/>'s text.</summary>
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var timer = new PeriodicTimer(PollInterval);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"after {timeout.TotalSeconds:0.#} s: {describe()}");
            await timer.WaitForNextTickAsync();
        }
    }
}

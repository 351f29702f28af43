namespace Linkage.Bench;

/// <summary>Answers at once: the ceiling of grain calls on this machine.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

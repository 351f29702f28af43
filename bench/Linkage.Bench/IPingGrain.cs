namespace Linkage.Bench;

/// <summary>A grain that does nothing: what a call through Orleans costs by itself.</summary>
[Alias("linkage.bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);
}

namespace Linkage.Safety;

/// <summary>Days <see cref="From"/>..<see cref="To"/> (inclusive) after an exposure's first date.</summary>
[GenerateSerializer, Immutable, Alias("linkage.DayWindow")]
public sealed record DayWindow(
    [property: Id(0)] int From,
    [property: Id(1)] int To)
{
    /// <summary>Days in the window, both ends counted.</summary>
    public int Length => To - From + 1;

    public bool Contains(int offset) => offset >= From && offset <= To;
}

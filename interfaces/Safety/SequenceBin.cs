namespace Linkage.Safety;

/// <summary>
/// The people of a single pair whose marker came <see cref="From"/> to <see cref="To"/> days (inclusive) after the
/// index (negative: before it); <see cref="Count"/> null when suppressed (researchers).
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.SequenceBin")]
public sealed record SequenceBin([property: Id(0)] int From, [property: Id(1)] int To, [property: Id(2)] long? Count);

namespace Linkage.Surveillance;

/// <summary>How many episodes start on <see cref="Day"/> (a DayNumber) in prefecture <see cref="Pref"/> (1..47, 0 unknown).</summary>
[GenerateSerializer, Immutable, Alias("linkage.EpisodeCell")]
public sealed record EpisodeCell([property: Id(0)] int Pref, [property: Id(1)] int Day, [property: Id(2)] int Count);

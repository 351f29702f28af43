namespace Linkage.Cohorts;

/// <summary>Asks for a life table from entry to the outcome, in intervals of <see cref="Step"/> days.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SurvivalRequest")]
public sealed record SurvivalRequest
{
    public const int MinStep = 1;
    public const int MaxStep = 365;

    [Id(0)] public required int Step { get; init; }
}

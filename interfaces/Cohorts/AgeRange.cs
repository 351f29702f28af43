namespace Linkage.Cohorts;

/// <summary>Ages at entry in whole years, both ends inclusive, either end open.</summary>
[GenerateSerializer, Immutable, Alias("linkage.AgeRange")]
public sealed record AgeRange
{
    [Id(0)] public int? Min { get; init; }

    [Id(1)] public int? Max { get; init; }

    public bool Contains(int age) => (Min is not { } min || age >= min) && (Max is not { } max || age <= max);
}

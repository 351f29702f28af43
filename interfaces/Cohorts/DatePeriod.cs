namespace Linkage.Cohorts;

/// <summary>A period of calendar days, both ends inclusive, either end open.</summary>
[GenerateSerializer, Immutable, Alias("linkage.DatePeriod")]
public sealed record DatePeriod
{
    [Id(0)] public DateOnly? From { get; init; }

    [Id(1)] public DateOnly? To { get; init; }

    public bool Contains(DateOnly day) => (From is not { } from || day >= from) && (To is not { } to || day <= to);
}

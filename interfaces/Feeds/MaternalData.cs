namespace Linkage.Feeds;

/// <summary>A maternal-child health handbook (母子健康手帳) entry.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.MaternalData")]
public sealed record MaternalData : EventData
{
    public override EventKind Kind => EventKind.Maternal;

    /// <summary><c>checkup</c>, <c>delivery</c>, <c>infant</c> or <c>vaccine</c>.</summary>
    [Id(0)] public required string Entry { get; init; }

    [Id(1)] public int? GestWeeks { get; init; }

    /// <summary>Birth weight in grams.</summary>
    [Id(2)] public int? BirthWeight { get; init; }

    [Id(3)] public string? Vaccine { get; init; }

    /// <summary>The child's identity on a delivery.</summary>
    [Id(4)] public Subject? Child { get; init; }
}

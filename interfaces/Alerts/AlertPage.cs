using System.Collections.Immutable;

namespace Linkage.Alerts;

/// <summary>Alerts of the log after a position, oldest first, and the log's length when they were read.</summary>
[GenerateSerializer, Immutable, Alias("linkage.AlertPage")]
public sealed record AlertPage(
    [property: Id(0)] ImmutableArray<LoggedAlert> Alerts,
    [property: Id(1)] long Length);

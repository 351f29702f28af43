namespace Linkage.Alerts;

/// <summary>An alert as the log holds it: its position (1, 2, ...; the stream's event id) and the alert.</summary>
[GenerateSerializer, Immutable, Alias("linkage.LoggedAlert")]
public sealed record LoggedAlert(
    [property: Id(0)] long Position,
    [property: Id(1)] Alert Alert);

namespace Linkage.Surveillance;

/// <summary>An alert of an indicator: its latest version and whether it stands.</summary>
[GenerateSerializer, Alias("linkage.IndicatorAlertState")]
public sealed record IndicatorAlertState([property: Id(0)] int Version, [property: Id(1)] bool Raised);

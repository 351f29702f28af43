namespace Linkage.Alerts;

/// <summary>Stored state of one segment of the alert log: up to <see cref="AlertLogGrain.SegmentSize"/> alerts, in order.</summary>
[GenerateSerializer, Alias("linkage.AlertLogSegment")]
public sealed class AlertLogSegment
{
    [Id(0)] public List<Alert> Alerts { get; set; } = [];
}

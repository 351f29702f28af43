using Linkage.Alerts;

namespace Linkage.Surveillance;

/// <summary>Stored state of an indicator: its definition, the alarms of its last evaluation, and alerts not yet known to be on the log.</summary>
[GenerateSerializer, Alias("linkage.IndicatorState")]
public sealed class IndicatorState
{
    [Id(0)] public IndicatorDefinition? Definition { get; set; }

    /// <summary>Every alert id this indicator ever raised: its latest version and whether it stands (not withdrawn).</summary>
    [Id(1)] public Dictionary<string, IndicatorAlertState> Alerts { get; set; } = [];

    /// <summary>Alerts decided but perhaps not appended yet (appended again after a crash: the log drops repeats).</summary>
    [Id(2)] public List<Alert> Outbox { get; set; } = [];
}

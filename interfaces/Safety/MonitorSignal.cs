namespace Linkage.Safety;

/// <summary>A monitor's signal as it came: when, and the events, risk-window events and LLR at that moment.</summary>
[GenerateSerializer, Immutable, Alias("linkage.MonitorSignal")]
public sealed record MonitorSignal(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int N,
    [property: Id(2)] int C,
    [property: Id(3)] double Llr);

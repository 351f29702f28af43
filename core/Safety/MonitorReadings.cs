namespace Linkage.Safety;

/// <summary>safety-v1's reading of a monitor's (n, c): its LLR, whether it crosses the boundary, and its state.</summary>
public static class MonitorReadings
{
    public static double Llr(MonitorDefinition definition, int n, int c) => MaxSprt.Llr(n, c, definition.P0);

    /// <summary>The monitor signals: n &gt;= minEvents and LLR &gt;= cv.</summary>
    public static bool Crosses(MonitorDefinition definition, MaxSprtBoundary boundary, int n, int c) =>
        n >= definition.MinEvents && Llr(definition, n, c) >= boundary.CriticalValue;

    public static MonitorState StateOf(MonitorDefinition definition, MaxSprtBoundary boundary, int n, int c) =>
        Crosses(definition, boundary, n, c) ? MonitorState.Signalled
        : n >= definition.MaxEvents ? MonitorState.Exhausted
        : MonitorState.Watching;

    /// <summary>The boundary of a monitor (cached by its grain: the walk costs maxEvents² per probe).</summary>
    public static MaxSprtBoundary BoundaryOf(MonitorDefinition definition) =>
        MaxSprt.CriticalValue(definition.P0, definition.MinEvents, definition.MaxEvents, definition.Alpha);
}

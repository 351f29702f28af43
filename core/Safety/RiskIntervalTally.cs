namespace Linkage.Safety;

/// <summary>
/// Counts a monitor's events (safety-v1): each person with an incident exposure and an outcome in the risk or the
/// control window contributes their earliest such outcome; <c>c</c> counts those in the risk window.
/// </summary>
public sealed class RiskIntervalTally(MonitorDefinition definition)
{
    public int N { get; private set; }

    public int C { get; private set; }

    /// <summary>Whether an outcome <paramref name="offset"/> days after the exposure counts at all.</summary>
    public bool Counts(int offset) => definition.Risk.Contains(offset) || definition.Control.Contains(offset);

    /// <summary>Counts a person whose earliest counted outcome came <paramref name="earliestOffset"/> days after their exposure.</summary>
    public void Add(int earliestOffset)
    {
        if (!Counts(earliestOffset)) throw new ArgumentOutOfRangeException(nameof(earliestOffset), earliestOffset, "in neither window");
        N++;
        if (definition.Risk.Contains(earliestOffset)) C++;
    }
}

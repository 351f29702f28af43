namespace Linkage.Safety;

/// <summary>safety-v1's monitor states, over the records as they now are.</summary>
public enum MonitorState
{
    /// <summary>Fewer than maxEvents events and the boundary not crossed.</summary>
    Watching,

    /// <summary>At least minEvents events and LLR at or above the critical value.</summary>
    Signalled,

    /// <summary>maxEvents events or more without a signal.</summary>
    Exhausted,
}

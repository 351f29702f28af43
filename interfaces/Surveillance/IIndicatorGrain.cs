using Linkage.Cohorts;

namespace Linkage.Surveillance;

/// <summary>
/// A surveillance indicator (key: its name): holds the definition durably, re-evaluates its series from the index as
/// records are acknowledged (<see cref="ILiveAnalysis"/>) and raises and withdraws its alerts on the alert log.
/// </summary>
[Alias("linkage.IIndicatorGrain")]
public interface IIndicatorGrain : IGrainWithStringKey, ILiveAnalysis
{
    /// <summary>Defines (or redefines) the indicator; it is evaluated over every record already acknowledged before this answers.</summary>
    [Alias("Define")]
    Task Define(IndicatorDefinition definition);

    /// <summary>The definition, or null when there is no such indicator.</summary>
    [Alias("Get")]
    Task<IndicatorDefinition?> Get();

    /// <summary>Ends the indicator; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>How many evaluations have completed since activation (tests wait on it).</summary>
    [Alias("Evaluations")]
    Task<long> Evaluations();
}

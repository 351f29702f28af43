using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>The durable list of <see cref="ILiveAnalysis"/> grains that each silo tells when the index changes (key 0).</summary>
[Alias("linkage.ILiveAnalysesGrain")]
public interface ILiveAnalysesGrain : IGrainWithIntegerKey
{
    /// <summary>The one registry's key.</summary>
    const long Key = 0;

    /// <summary>Adds a grain that implements <see cref="ILiveAnalysis"/> (again: no change).</summary>
    [Alias("Register")]
    Task Register(GrainId analysis);

    /// <summary>Removes a grain (absent: no change).</summary>
    [Alias("Unregister")]
    Task Unregister(GrainId analysis);

    /// <summary>The registered grains and a version that changes whenever the list does.</summary>
    [Alias("List")]
    Task<LiveAnalysisList> List();
}

using Linkage.Storage;

namespace Linkage.Cohorts;

/// <summary>The registry of live analyses, stored so that a monitor or indicator keeps being told after a restart.</summary>
public sealed class LiveAnalysesGrain(
    [PersistentState("analyses", LinkageStorage.State)] IPersistentState<LiveAnalysesState> state) : Grain, ILiveAnalysesGrain
{
    public async Task Register(GrainId analysis)
    {
        if (state.State.Analyses.Contains(analysis)) return;
        state.State.Analyses.Add(analysis);
        state.State.Version++;
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task Unregister(GrainId analysis)
    {
        if (!state.State.Analyses.Remove(analysis)) return;
        state.State.Version++;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<LiveAnalysisList> List() =>
        Task.FromResult(new LiveAnalysisList { Version = state.State.Version, Analyses = [.. state.State.Analyses] });
}

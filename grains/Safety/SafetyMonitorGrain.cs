using System.Globalization;
using Linkage.Alerts;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Storage;
using Microsoft.Extensions.Logging;

namespace Linkage.Safety;

/// <summary>
/// A safety-v1 monitor: registered as a live analysis, it evaluates its (n, c) from the index whenever the index
/// changes and when activated (after a restart), always over the records as they now are, and records a signal each
/// time the evidence crosses the boundary. The boundary is computed once, when the monitor starts.
/// </summary>
public sealed partial class SafetyMonitorGrain(
    [PersistentState("monitor", LinkageStorage.State)] IPersistentState<SafetyMonitorState> state,
    IndexQueries index,
    TimeProvider clock,
    ILogger<SafetyMonitorGrain> logger) : Grain, ISafetyMonitorGrain
{
    private TaskCompletionSource _evaluated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ILiveAnalysesGrain Registry => GrainFactory.GetGrain<ILiveAnalysesGrain>(ILiveAnalysesGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Records may have arrived while the monitor was not active: evaluate once, after activation, as a message of its own.
        if (state.State.Definition is not null) this.AsReference<ISafetyMonitorGrain>().IndexChanged().Ignore();
        return Task.CompletedTask;
    }

    public async Task<MonitorView?> Start(MonitorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (state.State.Definition is { } watching) return watching.Equals(definition) ? View() : null;
        var boundary = MonitorReadings.BoundaryOf(definition);
        state.State = new SafetyMonitorState { Definition = definition, Cv = boundary.CriticalValue, AlphaSpent = boundary.AlphaSpent, StartedAt = clock.GetUtcNow() };
        await state.WriteOrDeactivateAsync(this);
        await Registry.Register(this.GetGrainId());
        await EvaluateAsync();
        return View();
    }

    public Task<MonitorView?> Get() => Task.FromResult(View());

    public async Task<MonitorView?> Evaluated(long evaluations)
    {
        while (state.State.Definition is not null && state.State.Evaluations <= evaluations) await _evaluated.Task;
        return View();
    }

    public async Task<MonitorView?> End()
    {
        if (View() is not { } last) return null;
        await Registry.Unregister(this.GetGrainId());
        await state.ClearStateAsync();
        state.State = new SafetyMonitorState();
        Release();
        DeactivateOnIdle();
        return last;
    }

    public async Task IndexChanged()
    {
        if (state.State.Definition is null) return;
        try
        {
            await EvaluateAsync();
        }
        catch (EngineUnavailableException ex)
        {
            // The cluster is recovering: the pump tells the monitor again when the index next changes.
            LogNotEvaluated(logger, ex, this.GetPrimaryKeyString());
        }
    }

    private async Task EvaluateAsync()
    {
        var definition = state.State.Definition!;
        var partials = await index.RunAsync<MonitorPartial>(new MonitorQuery { Definition = definition });
        int n = partials.Sum(p => p.N), c = partials.Sum(p => p.C);
        var boundary = new MaxSprtBoundary(state.State.Cv, state.State.AlphaSpent);
        var over = MonitorReadings.Crosses(definition, boundary, n, c);
        var changed = n != state.State.N || c != state.State.C || over != state.State.Over;
        if (over && !state.State.Over)
        {
            var signal = new MonitorSignal(clock.GetUtcNow(), n, c, MonitorReadings.Llr(definition, n, c));

            // The alert goes to the log before the state that records it: if anything fails after, the next evaluation
            // raises the same (id, version) again, which the log drops as a repeat.
            await AlertLog.Of(GrainFactory).Append([new Alert
            {
                Id = AlertId(definition), Version = state.State.Signals.Count + 1, Source = AlertSource.Safety,
                Monitor = definition.Name, N = n, C = c, Llr = Math.Round(signal.Llr, 4, MidpointRounding.AwayFromZero),
            }]);
            state.State.Signals.Add(signal);
            LogSignal(logger, definition.Name, n, c, signal.Llr, boundary.CriticalValue);
        }

        (state.State.N, state.State.C, state.State.Over) = (n, c, over);
        state.State.EvaluatedAt = clock.GetUtcNow();
        state.State.Evaluations++;
        if (changed) await state.WriteOrDeactivateAsync(this);
        Release();
    }

    /// <summary><c>safety/{name}/{start}</c>: one alert per monitor run, a version per signal.</summary>
    private string AlertId(MonitorDefinition definition) =>
        $"safety/{definition.Name}/{state.State.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}";

    /// <summary>Wakes the callers of <see cref="Evaluated"/>.</summary>
    private void Release()
    {
        var evaluated = _evaluated;
        _evaluated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        evaluated.TrySetResult();
    }

    private MonitorView? View()
    {
        var s = state.State;
        if (s.Definition is not { } definition) return null;
        var boundary = new MaxSprtBoundary(s.Cv, s.AlphaSpent);
        return new MonitorView
        {
            Definition = definition,
            N = s.N,
            C = s.C,
            Llr = MonitorReadings.Llr(definition, s.N, s.C),
            Cv = s.Cv,
            AlphaSpent = s.AlphaSpent,
            State = MonitorReadings.StateOf(definition, boundary, s.N, s.C),
            Signals = [.. s.Signals],
            EvaluatedAt = s.EvaluatedAt,
            Evaluations = s.Evaluations,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Safety monitor {Monitor} signalled: n {N}, c {C}, LLR {Llr} at or above {Cv}")]
    private static partial void LogSignal(ILogger logger, string monitor, int n, int c, double llr, double cv);

    [LoggerMessage(Level = LogLevel.Information, Message = "Safety monitor {Monitor} not evaluated: the engine is unavailable")]
    private static partial void LogNotEvaluated(ILogger logger, Exception exception, string monitor);
}

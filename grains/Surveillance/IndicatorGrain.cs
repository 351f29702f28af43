using Linkage.Alerts;
using Linkage.Cohorts;
using Linkage.Storage;
using Microsoft.Extensions.Logging;

namespace Linkage.Surveillance;

/// <summary>
/// An indicator: its definition stored, and its alarms kept as the current records define them. Each evaluation asks
/// the index (<see cref="IndexQueries"/>) for the episodes, runs EARS over every series, and compares the alarms with
/// the last evaluation's: a new alarm raises an alert, a vanished one withdraws it (the next version). The alerts are
/// stored in the grain's outbox before they are appended to the log, so that none is lost if the silo dies between.
/// </summary>
public sealed partial class IndicatorGrain(
    [PersistentState("indicator", LinkageStorage.State)] IPersistentState<IndicatorState> state,
    IndexQueries queries,
    ILogger<IndicatorGrain> logger) : Grain, IIndicatorGrain
{
    private long _evaluations;

    private string Name => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // After a restart: evaluate again over the current records (queued behind this activation).
        if (state.State.Definition is not null) this.AsReference<ILiveAnalysis>().IndexChanged().Ignore();
        return Task.CompletedTask;
    }

    public async Task Define(IndicatorDefinition definition)
    {
        state.State.Definition = definition;
        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetGrain<IIndicatorCatalogGrain>(0).Add(Name);
        await GrainFactory.GetGrain<ILiveAnalysesGrain>(ILiveAnalysesGrain.Key).Register(this.GetGrainId());
        await EvaluateAsync();
    }

    public Task<IndicatorDefinition?> Get() => Task.FromResult(state.State.Definition);

    public async Task<bool> Delete()
    {
        if (state.State.Definition is null) return false;
        await GrainFactory.GetGrain<ILiveAnalysesGrain>(ILiveAnalysesGrain.Key).Unregister(this.GetGrainId());
        await GrainFactory.GetGrain<IIndicatorCatalogGrain>(0).Remove(Name);
        state.State.Definition = null;
        await state.WriteOrDeactivateAsync(this);
        return true;
    }

    public Task<long> Evaluations() => Task.FromResult(_evaluations);

    public async Task IndexChanged()
    {
        try
        {
            await EvaluateAsync();
        }
        catch (Exception ex)
        {
            // The next change (or activation) evaluates again; a failed one changes nothing stored.
            LogEvaluationFailed(logger, ex, Name);
        }
    }

    private async Task EvaluateAsync()
    {
        await AppendOutboxAsync();
        if (state.State.Definition is not { } definition) return;
        var partials = await queries.RunAsync<IndicatorPartial>(new IndicatorQuery(definition));
        var series = IndicatorSeries.Merge(partials);
        var alarms = series.Alarms().ToDictionary(a => a.AlertId(Name));

        var known = state.State.Alerts;
        foreach (var (id, alarm) in alarms)
        {
            if (known.TryGetValue(id, out var was) && was.Raised) continue;
            var version = (was?.Version ?? 0) + 1;
            known[id] = new IndicatorAlertState(version, Raised: true);
            state.State.Outbox.Add(AlertOf(id, version, alarm, withdrawn: false));
        }

        foreach (var (id, was) in known.Where(k => k.Value.Raised && !alarms.ContainsKey(k.Key)).ToList())
        {
            known[id] = new IndicatorAlertState(was.Version + 1, Raised: false);
            state.State.Outbox.Add(Withdrawal(id, was.Version + 1, series));
        }

        if (state.State.Outbox.Count > 0)
        {
            await state.WriteOrDeactivateAsync(this);
            await AppendOutboxAsync();
        }

        _evaluations++;
    }

    private async Task AppendOutboxAsync()
    {
        if (state.State.Outbox.Count == 0) return;
        await AlertLog.Of(GrainFactory).Append([.. state.State.Outbox]);
        state.State.Outbox.Clear();
        await state.WriteOrDeactivateAsync(this);
    }

    private Alert AlertOf(string id, int version, IndicatorAlarm alarm, bool withdrawn) => new()
    {
        Id = id,
        Version = version,
        Source = AlertSource.Surveillance,
        Withdrawn = withdrawn,
        Indicator = Name,
        Pref = alarm.Pref,
        Day = alarm.Day,
        Detector = alarm.Detector,
        Count = alarm.Count,
        Statistic = alarm.Statistic,
    };

    /// <summary>A withdrawal names the alarm as its id does (indicator/pref/day/detector); the count and statistic are the day's now.</summary>
    private Alert Withdrawal(string id, int version, IndicatorSeries series)
    {
        var parts = id.Split('/');
        var day = DateOnly.ParseExact(parts[^2], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (count, statistic) = series.At(parts[^3], day, parts[^1]);
        return new Alert
        {
            Id = id,
            Version = version,
            Source = AlertSource.Surveillance,
            Withdrawn = true,
            Indicator = Name,
            Pref = parts[^3],
            Day = day,
            Detector = parts[^1],
            Count = count,
            Statistic = statistic,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: evaluation failed; the next index change evaluates again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string indicator);
}

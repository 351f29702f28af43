using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// Tells every registered <see cref="ILiveAnalysis"/> that this silo's component grains changed the index,
/// <see cref="LinkageCohortOptions.LiveInterval"/> after the first change of a burst and at most once per interval
/// while changes keep coming, so that a burst of ingests costs each analysis a few evaluations, not one per batch.
/// </summary>
public sealed partial class LiveAnalysisPump(
    IGrainFactory grains, IndexChanges changes, TimeProvider clock, IOptions<LinkageCohortOptions> options, ILogger<LiveAnalysisPump> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<ILiveAnalysesGrain>(ILiveAnalysesGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.WaitAsync(stoppingToken);

                // The rest of the burst lands first: an ingest's components reach their partitions one after
                // another, and an evaluation between them would count part of one acknowledged body.
                await Task.Delay(options.Value.LiveInterval, clock, stoppingToken);
                var list = await registry.List();
                foreach (var analysis in list.Analyses) await grains.GetGrain<ILiveAnalysis>(analysis).IndexChanged();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next change tells them again; an analysis also evaluates itself when activated.
                LogNotTold(logger, ex);
                changes.Changed();
                await Task.Delay(options.Value.LiveInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live analyses could not be told that the index changed; trying again")]
    private static partial void LogNotTold(ILogger logger, Exception exception);
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Faults injected through a grain call filter, keyed by record ids so that tests cannot meet each other's:
/// applying a batch holding a record whose id starts with <see cref="PoisonPrefix"/> always fails; a merge that moves
/// a record whose id starts with <see cref="InterruptMergePrefix"/> is interrupted once, after the survivor has
/// absorbed (and written) the records and before the merged component hears of it.
/// </summary>
public sealed class FaultInjectionFilter : IIncomingGrainCallFilter
{
    public const string PoisonPrefix = "poison-";
    public const string InterruptMergePrefix = "interrupt-merge-";

    private static readonly ConcurrentDictionary<string, bool> Interrupted = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IComponentGrain.AddRecords)
            && context.Request.GetArgument(0) is ImmutableArray<FeedEvent> events
            && events.Any(e => e.RecordId.StartsWith(PoisonPrefix, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("injected routing failure");
        }

        await context.Invoke();

        if (context.InterfaceMethod?.Name == nameof(IComponentGrain.Absorb)
            && context.Request.GetArgument(0) is ComponentTransfer transfer
            && transfer.Records.FirstOrDefault(r => r.RecordId.StartsWith(InterruptMergePrefix, StringComparison.Ordinal)) is { } marked
            && Interrupted.TryAdd(marked.Source + "/" + marked.RecordId, true))
        {
            throw new InvalidOperationException("injected crash between the survivor's absorb and the merged component's forward");
        }
    }
}

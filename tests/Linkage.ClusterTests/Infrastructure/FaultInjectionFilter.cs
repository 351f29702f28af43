using System.Collections.Concurrent;
using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Faults injected through a grain call filter, keyed by record ids so that tests cannot meet each other's:
/// applying a batch holding a record whose id starts with <see cref="PoisonPrefix"/> always fails; a merge that moves
/// a record whose id starts with <see cref="InterruptMergePrefix"/> is interrupted once, after the survivor has
/// absorbed (and written) the records and before the merged component hears of it; applying a batch holding a record
/// whose id starts with <see cref="HoldPrefix"/> waits until the test releases it (<see cref="Hold"/>); the next index
/// update carrying a person named by <see cref="FailIndexUpdateOnce"/> fails, as if its partition's silo were gone.
/// </summary>
public sealed class FaultInjectionFilter : IIncomingGrainCallFilter
{
    public const string PoisonPrefix = "poison-";
    public const string InterruptMergePrefix = "interrupt-merge-";
    public const string HoldPrefix = "hold-";

    private static readonly ConcurrentDictionary<string, bool> Interrupted = new();
    private static readonly ConcurrentDictionary<string, HeldCall> Held = new();
    private static readonly ConcurrentDictionary<string, bool> IndexFailures = new();

    /// <summary>Holds the application of the record <paramref name="recordId"/> (which must start with <see cref="HoldPrefix"/>) until released.</summary>
    public static HeldCall Hold(string recordId) => Held.GetOrAdd(recordId, _ => new HeldCall());

    /// <summary>The next index update carrying the person <paramref name="personId"/> fails once.</summary>
    public static void FailIndexUpdateOnce(string personId) => IndexFailures[personId] = true;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IPeopleIndexGrain.Apply)
            && context.Request.GetArgument(0) is ImmutableArray<IndexUpdate> updates
            && updates.SelectMany(u => u.People).Any(p => IndexFailures.TryRemove(p.Person, out _)))
        {
            throw new SiloUnavailableException("injected: the index partition's silo is gone");
        }

        if (context.InterfaceMethod?.Name == nameof(IComponentGrain.AddRecords)
            && context.Request.GetArgument(0) is ImmutableArray<FeedEvent> events
            && events.Any(e => e.RecordId.StartsWith(PoisonPrefix, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("injected routing failure");
        }

        if (context.InterfaceMethod?.Name == nameof(IComponentGrain.AddRecords)
            && context.Request.GetArgument(0) is ImmutableArray<FeedEvent> held
            && held.FirstOrDefault(e => e.RecordId.StartsWith(HoldPrefix, StringComparison.Ordinal)) is { } holding
            && Held.TryGetValue(holding.RecordId, out var hold))
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task;
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

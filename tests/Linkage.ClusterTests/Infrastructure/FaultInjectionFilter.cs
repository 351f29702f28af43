using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Makes routing fail, every time, for any batch holding a record whose id starts with <see cref="PoisonPrefix"/>.</summary>
public sealed class FaultInjectionFilter : IIncomingGrainCallFilter
{
    public const string PoisonPrefix = "poison-";

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IRecordRouterGrain.Route)
            && context.Request.GetArgument(0) is ImmutableArray<FeedEvent> events
            && events.Any(e => e.RecordId.StartsWith(PoisonPrefix, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("injected routing failure");
        }

        return context.Invoke();
    }
}

namespace Linkage.Engine;

/// <summary>Tells a failure of storage or of the cluster (try again later) from a bug.</summary>
public static class TransientFailure
{
    public static bool Is(Exception exception) => exception switch
    {
        EngineUnavailableException => true,
        Azure.RequestFailedException => true,
        TimeoutException => true,
        TaskCanceledException => false,
        Orleans.Storage.InconsistentStateException => true,
        Orleans.Runtime.OrleansException => true,
        System.Net.Http.HttpRequestException => true,
        System.Net.Sockets.SocketException => true,
        IOException => true,
        // The Azure SDK's retry policy aggregates the attempts it gave up on; a TaskCanceledException among them is an
        // attempt's network timeout (storage too slow), not a caller's cancellation, which is never aggregated.
        AggregateException aggregate => aggregate.InnerExceptions.Any(e => e is TaskCanceledException || Is(e)),
        _ => exception.InnerException is { } inner && Is(inner),
    };
}

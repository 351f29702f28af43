namespace Linkage.Silo.Api;

/// <summary>Tells a failure of storage or of the cluster (retry later: 503) from a bug (500).</summary>
public static class StorageUnavailable
{
    public static bool Is(Exception exception) => exception switch
    {
        Azure.RequestFailedException => true,
        TimeoutException => true,
        Orleans.Storage.InconsistentStateException => true,
        Orleans.Runtime.OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };

    public static IResult Problem() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable",
        detail: "Linkage could not reach its storage; nothing unacknowledged was kept. Send the same request again later: records already stored count as duplicates.");
}

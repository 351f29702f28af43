namespace Linkage.Client.Ingestion;

/// <summary>How <see cref="FeedIngestion"/> cuts an input into POSTs and how long it waits out a storage outage.</summary>
public sealed record FeedIngestionOptions
{
    /// <summary>Events per POST at most.</summary>
    public int BatchLines { get; init; } = 1000;

    /// <summary>Bytes per POST: a batch is sent once it holds this many (far below the API's default limit of 64 MiB).</summary>
    public int BatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// POSTs in flight at once: the next body is read and built, and sent, while earlier ones are being linked, so the
    /// API is not idle between one body's answer and the next body's arrival (docs/benchmarks.md, issue 21 over HTTP).
    /// 1 sends a body only after the previous one was answered.
    /// </summary>
    public int InFlight { get; init; } = DefaultInFlight;

    public const int DefaultInFlight = 2;

    /// <summary>The clock each POST's time is read from, from its first attempt to the API's answer (tests give a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The waits before each new attempt at a batch the API answered with 503 (storage unavailable), 502 or 504;
    /// when they are used up the run stops. Stored lines of a repeated batch count as duplicates, so repeating is safe.
    /// </summary>
    /// <remarks>An answer with Retry-After is waited as it asks while <see cref="RetryAfterBudget"/> lasts; this schedule comes after.</remarks>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <summary>
    /// How long one body may wait in all on the waits the API asks for (503 with Retry-After: the engine behind, its
    /// log's storage slow at a checkpoint, recovery) before the retries fall back on <see cref="RetryDelays"/>. Without
    /// it a sender stopped halfway through a file whenever a checkpoint kept the host's storage busy for half a minute
    /// (docs/benchmarks.md, "Engine v2: the README's stack over HTTP").
    /// </summary>
    public TimeSpan RetryAfterBudget { get; init; } = TimeSpan.FromMinutes(5);
}

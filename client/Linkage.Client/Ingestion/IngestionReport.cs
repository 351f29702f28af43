using Linkage.Feeds;

namespace Linkage.Client.Ingestion;

/// <summary>What a run did with one input: counts, the rejected lines, the rejects files written, and why it stopped if it did.</summary>
public sealed record IngestionReport
{
    /// <summary>The input as the caller named it (a file, or an export directory).</summary>
    public required string Input { get; init; }

    /// <summary>True when the events went to the feed stream: the cluster validates them and keeps its verdicts in the source's ledger.</summary>
    public bool ToStream { get; init; }

    /// <summary>Input lines read (for an export of several files, summed): every line of <see cref="Files"/> when the importer accounts for them.</summary>
    public long LinesRead { get; init; }

    /// <summary>What became of every line of every file of the input, each line counted once.</summary>
    public IReadOnlyList<FileLines> Files { get; init; } = [];

    /// <summary>Events made from the input.</summary>
    public int Events { get; init; }

    /// <summary>POSTs answered, or stream batches published.</summary>
    public int Batches { get; init; }

    /// <summary>Events the API answered for, or lines published to the feed stream.</summary>
    public int Sent { get; init; }

    public int Accepted { get; init; }

    public int Duplicates { get; init; }

    /// <summary>Events the API dropped because the person they are about opted out (次世代医療基盤法): never stored.</summary>
    public int OptedOut { get; init; }

    /// <summary>Batches sent again after a 503 (storage unavailable).</summary>
    public int Retries { get; init; }

    /// <summary>
    /// How long each POST took, in the order sent: from its first attempt to the API's answer, waits after a 503
    /// included (what an operator's upload waits per body); empty on the stream.
    /// </summary>
    public IReadOnlyList<TimeSpan> BatchTimes { get; init; } = [];

    /// <summary>The <paramref name="quantile"/> of <see cref="BatchTimes"/> (the smallest time at least that share of POSTs took at most), or null without POSTs.</summary>
    public TimeSpan? BatchTime(double quantile) => BatchTimes.Count == 0 ? null
        : TimeSpan.FromTicks((long)MathNet.Numerics.Statistics.Statistics.QuantileCustom(
            BatchTimes.Select(t => (double)t.Ticks), quantile, MathNet.Numerics.Statistics.QuantileDefinition.EmpiricalInvCDF));

    /// <summary>Every line rejected by the importer or the API, each with its file and line.</summary>
    public IReadOnlyList<FeedRejection> Rejections { get; init; } = [];

    /// <summary>The rejects files written beside the input (stale ones of inputs without rejects were removed).</summary>
    public IReadOnlyList<string> RejectsFiles { get; init; } = [];

    /// <summary>Why the run stopped before the end of the input (the API unreachable, a refused key...), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// True when nothing of the input is in the platform because of this run: over HTTP no line was accepted or
    /// found already stored; on the stream nothing was published.
    /// </summary>
    public bool NothingSent => ToStream ? Sent == 0 : Accepted + Duplicates + OptedOut == 0;

    /// <summary>Why nothing was sent, for the operator; null when something was.</summary>
    public string? WhyNothingSent => !NothingSent ? null
        : Failure is not null ? Failure
        : Events == 0 && Rejections.Count > 0 ? "every line was rejected before sending"
        : Events == 0 ? "the input holds no events"
        : "the API rejected every line";

    /// <summary>The exit code of a command that ran these reports: 1 only when nothing at all could be sent, else 0.</summary>
    public static int ExitCode(IEnumerable<IngestionReport> reports) => reports.Any(r => !r.NothingSent) ? 0 : 1;
}

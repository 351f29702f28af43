using System.ComponentModel.DataAnnotations;

namespace Linkage.Silo.Api;

/// <summary>The HTTP API's keys and limits.</summary>
public sealed class LinkageApiOptions
{
    public const string SectionName = "Linkage:Api";

    /// <summary>The development keys of api-v1, refused in Production.</summary>
    public static readonly IReadOnlyList<string> DevelopmentKeys = ["dev-operator-key", "dev-researcher-key", "dev-admin-key"];

    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>Largest ingest body in bytes; larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxIngestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Record versions routed per grain call during an ingest.</summary>
    [Range(1, 100_000)]
    public int IngestChunk { get; set; } = 250;

    /// <summary>Router calls one ingest keeps in flight: enough to overlap storage round trips, few enough that a
    /// large body does not queue work past the grain call timeout.</summary>
    [Range(1, 64)]
    public int IngestParallelism { get; set; } = 4;
}

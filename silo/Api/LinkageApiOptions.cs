using System.ComponentModel.DataAnnotations;

namespace Linkage.Silo.Api;

/// <summary>The HTTP API's keys and limits.</summary>
public sealed class LinkageApiOptions
{
    public const string SectionName = "Linkage:Api";

    /// <summary>The development keys of api-v1, refused in Production.</summary>
    public static readonly IReadOnlyList<string> DevelopmentKeys = ["dev-operator-key", "dev-researcher-key", "dev-authority-key", "dev-admin-key"];

    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>Largest ingest body in bytes; larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxIngestBytes { get; set; } = 64L * 1024 * 1024;
}

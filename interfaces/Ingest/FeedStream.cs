namespace Linkage.Ingest;

/// <summary>Names of the feed stream: its provider and namespace.</summary>
public static class FeedStream
{
    /// <summary>The stream provider every silo and every publishing client configures.</summary>
    public const string ProviderName = "linkage-feed";

    /// <summary>The stream namespace; a stream's key is "source/partition".</summary>
    public const string Namespace = "linkage.feed";

    public static string Key(string source, int partition) => $"{source}/{partition}";

    /// <summary>The source of a stream key.</summary>
    public static string SourceOf(string key) => key[..key.LastIndexOf('/')];
}

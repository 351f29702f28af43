namespace Linkage.Ingest;

/// <summary>Consumes one feed stream (key "source/partition"): validates its lines and routes the records.</summary>
[Alias("linkage.IFeedConsumerGrain")]
public interface IFeedConsumerGrain : IGrainWithStringKey
{
}

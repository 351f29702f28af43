namespace Linkage.Client.Http;

/// <summary>A line the API did not accept, with the reason naming the field.</summary>
public sealed record IngestRejection(int Line, string Reason);

namespace Linkage.Storage;

/// <summary>A snapshot's bytes and the ETag to write its next version against.</summary>
public sealed record StoredSnapshot(ReadOnlyMemory<byte> Data, string ETag);

using Linkage.Storage;

namespace Linkage.Log;

/// <summary>Reads the entries of an ingest log past its checkpoint, in order, stopping at a torn tail.</summary>
public sealed class IngestLogReader(IIngestLogStore store)
{
    public async Task<List<LogEntry>> ReadAsync(IngestLogInfo log, CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>();
        foreach (var segment in await store.ListSegmentsAsync(log.LogId, cancellationToken))
        {
            var data = await store.ReadSegmentAsync(log.LogId, segment, cancellationToken);

            // A torn frame can only end a segment: it is an append that never completed, so never acknowledged.
            foreach (var payload in LogFrames.Read(data, out _))
            {
                var entry = LogEntry.Read(payload.Span);
                if (entry.Sequence > log.Checkpoint) entries.Add(entry);
            }
        }

        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries;
    }
}

using System.Collections.Immutable;
using Linkage.Diagnostics;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Log;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Ingest;

/// <summary>
/// The one way record versions enter Linkage, for the HTTP API, the feed stream consumers and the benchmarks alike:
/// lines are parsed as they are read and cut into batches; each batch has its keys resolved (one call per key
/// directory partition it touches), is appended to this silo's log, applied to the component grains (which update the
/// index), and only then counted as acknowledged.
/// </summary>
public sealed partial class IngestPipeline(
    PartitionGrains<IKeyDirectoryGrain> keyPartitions,
    IngestLog log,
    BatchRouter router,
    EngineGate gate,
    TouchedComponents touched,
    ComponentForwards forwards,
    CrashHook crash,
    LinkageMetrics metrics,
    IOptions<LinkageEngineOptions> options,
    ILogger<IngestPipeline> logger)
{
    private readonly LinkageEngineOptions _options = options.Value;
    private readonly LinkageMetrics _metrics = metrics;
    private int _eventsInFlight;
    private long _memoryReadAt = long.MinValue / 2;
    private double _memoryLoad;

    /// <summary>Record versions being ingested on this silo now.</summary>
    public int EventsInFlight => Volatile.Read(ref _eventsInFlight);

    /// <summary>Reads an events-v1 NDJSON body as a stream and ingests its valid lines.</summary>
    /// <exception cref="EngineUnavailableException">The engine could not take it now; what it acknowledged before stays, and sending it again is safe.</exception>
    public async Task<IngestAnswer> IngestAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        crash.BodyStarted();
        try
        {
            var run = new IngestRun(this);
            await foreach (var line in FeedReader.ReadAsync(utf8, cancellationToken))
            {
                await run.AddAsync(line);
            }

            return await run.FinishAsync();
        }
        finally
        {
            crash.BodyFinished();
        }
    }

    /// <summary>Ingests lines already split (the benchmarks' bodies), numbered from <paramref name="firstLine"/>.</summary>
    public async Task<IngestAnswer> IngestAsync(IReadOnlyList<string> lines, int firstLine)
    {
        var run = new IngestRun(this);
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            await run.AddAsync(FeedLineParser.Parse(lines[i], firstLine + i));
        }

        return await run.FinishAsync();
    }

    /// <summary>
    /// Ingests the lines of several parts (the batches of one feed-stream message, each numbered from its first line)
    /// in one pass: their valid versions are cut into pipeline batches together, so a message pays one resolve and one
    /// log append per pipeline batch rather than per part; each part gets its own tally and rejections.
    /// </summary>
    /// <param name="split">Receives each part's outcome (<see cref="BatchParts.Answer"/>), also what a failed ingest did completely for a part (<see cref="BatchParts.IsComplete"/>).</param>
    /// <exception cref="EngineUnavailableException">As for a body: what was acknowledged before stays, and sending it again is safe.</exception>
    public async Task IngestAsync(IReadOnlyList<(IReadOnlyList<string> Lines, int FirstLine)> parts, BatchParts split)
    {
        var run = new IngestRun(this, split);
        for (var p = 0; p < parts.Count; p++)
        {
            var (lines, firstLine) = parts[p];
            run.Part = p;
            for (var i = 0; i < lines.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i])) continue;
                await run.AddAsync(FeedLineParser.Parse(lines[i], firstLine + i));
            }

            split.Read(p);
        }

        await run.FinishAsync();
    }

    /// <summary>Ingests record versions already parsed (benchmarks and tests).</summary>
    public async Task<IngestTally> IngestAsync(IReadOnlyList<FeedEvent> events)
    {
        var tally = new IngestTally();
        foreach (var batch in events.Chunk(_options.BatchEvents))
        {
            Admit(batch.Length, first: tally == default);
            tally += await IngestBatchAsync([.. batch]);
        }

        return tally;
    }

    /// <summary>Refuses at once when the engine is behind; later batches of a request already taken wait their turn instead.</summary>
    private void Admit(int events, bool first)
    {
        gate.EnsureOpen();
        if (first)
        {
            if (EventsInFlight + events > _options.MaxEventsInFlight)
            {
                throw new EngineUnavailableException($"ingest is behind: {EventsInFlight} record versions are in flight on this silo", TimeSpan.FromSeconds(1));
            }

            if (log.RecentAppendLatency > _options.MaxLogLatency)
            {
                throw new EngineUnavailableException($"the log's storage is slow: appends take {log.RecentAppendLatency.TotalSeconds:0.0} s", TimeSpan.FromSeconds(5));
            }

            if (MemoryLoad() > _options.MaxMemoryLoad)
            {
                throw new EngineUnavailableException("the silo is short of memory until snapshots let idle people go", TimeSpan.FromSeconds(5));
            }
        }
    }

    /// <summary>The share of the memory the GC may use that is in use, read at most once a second (reading it costs).</summary>
    private double MemoryLoad()
    {
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref _memoryReadAt) > 1000)
        {
            var memory = GC.GetGCMemoryInfo();
            _memoryLoad = memory.HighMemoryLoadThresholdBytes > 0 ? (double)memory.MemoryLoadBytes / memory.HighMemoryLoadThresholdBytes : 0;
            Volatile.Write(ref _memoryReadAt, now);
        }

        return _memoryLoad;
    }

    private async Task<IngestTally> IngestBatchAsync(ImmutableArray<FeedEvent> events, BatchParts? parts = null)
    {
        Interlocked.Add(ref _eventsInFlight, events.Length);
        try
        {
            gate.EnsureOpen();
            var groups = RecordGroups.Of(events);
            var (components, minted) = await ResolveAsync(groups);
            var optedOut = 0;
            if (components.ContainsValue(ComponentId.OptedOut))
            {
                // A person opted out: their records are dropped before the log ever holds them.
                var kept = OptOutRule.Keep(events, components);
                optedOut = events.Length - kept.Length;
                parts?.CountDropped(events, kept);
                if (kept.IsEmpty) return new IngestTally(0, 0, optedOut);
                (events, groups) = (kept, RecordGroups.Of(kept));
                var keys = groups.SelectMany(g => g.Keys).ToHashSet();
                components = components.Where(c => keys.Contains(c.Key)).ToDictionary();
            }

            var sequence = await log.AppendAsync(events, [.. components.Keys], [.. components.Values]);
            try
            {
                var applied = await router.ApplyAsync(groups, components, ApplyMode.Live, touched, minted, parts);
                crash.EnsureAlive();
                return applied + new IngestTally(0, 0, optedOut);
            }
            finally
            {
                log.Finish(sequence);
            }
        }
        catch (Exception ex) when (ex is not EngineUnavailableException && TransientFailure.Is(ex))
        {
            LogBatchFailed(logger, ex, events.Length);
            throw new EngineUnavailableException($"storage or the cluster failed: {ex.GetBaseException().Message}", TimeSpan.FromSeconds(2), ex);
        }
        finally
        {
            Interlocked.Add(ref _eventsInFlight, -events.Length);
        }
    }

    /// <summary>
    /// The component of each routing key of the batch, in two phases of one call per key directory partition the batch
    /// touches: every key is looked up first; then a group with any key already known joins that key's component (the
    /// smallest surviving one when its keys know several: the router merges them there, since the group bridges them),
    /// and only a group with no known key gets its candidate, a new id. Giving a group's new keys its candidate even
    /// when another of its keys was known made a component for them that was merged away at once (docs/engine.md).
    /// </summary>
    /// <returns>The components, and those minted for a group none of whose keys was known (no snapshot to read).</returns>
    private async Task<(Dictionary<ulong, ComponentId> Components, HashSet<ComponentId> Minted)> ResolveAsync(IReadOnlyList<RecordGroup> groups)
    {
        // The hot path of every batch: grouped by hand rather than through PartitionGrains.ByKeyAsync, which
        // allocates more per key (measured: docs/benchmarks.md, "The house").
        // Sized for the batch's keys: grown from empty, a batch's tables were resized a dozen times, the last copies
        // on the large object heap (about 3% of what an ingest allocated).
        var keyCount = 0;
        foreach (var group in groups) keyCount += group.Keys.Length;
        var byPartition = new Dictionary<int, List<ulong>>();
        var components = new Dictionary<ulong, ComponentId>(keyCount);
        foreach (var group in groups)
        {
            foreach (var key in group.Keys)
            {
                if (!components.TryAdd(key, default)) continue;
                var partition = keyPartitions.PartitionOf(key);
                if (!byPartition.TryGetValue(partition, out var keys)) byPartition[partition] = keys = [];
                keys.Add(key);
            }
        }

        var found = await Task.WhenAll(byPartition.Select(async p => (Keys: p.Value, Found: await keyPartitions.Get(p.Key).Find([.. p.Value]))));
        var knownCount = 0;
        foreach (var (_, answers) in found) knownCount += answers.Count(a => a is not null);
        var known = new HashSet<ulong>(knownCount);
        foreach (var (keys, answers) in found)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (answers[i] is not { } component) continue;
                components[keys[i]] = component;
                known.Add(keys[i]);
            }
        }

        var toResolve = new Dictionary<int, (List<ulong> Keys, List<ComponentId> Components)>();
        var candidates = new List<RecordGroup>();
        foreach (var group in groups)
        {
            ComponentId? joined = null;
            var unknown = false;
            var anyKnown = false;
            foreach (var key in group.Keys)
            {
                if (!known.Contains(key))
                {
                    unknown = true;
                    continue;
                }

                anyKnown = true;
                if (components[key] != ComponentId.OptedOut && forwards.Resolve(components[key]) is var root && (joined is null || root < joined)) joined = root;
            }

            if (!unknown) continue;
            if (!anyKnown) candidates.Add(group);
            var target = joined ?? group.Candidate;
            foreach (var key in group.Keys)
            {
                if (known.Contains(key)) continue;
                var partition = keyPartitions.PartitionOf(key);
                if (!toResolve.TryGetValue(partition, out var list)) toResolve[partition] = list = ([], []);
                list.Keys.Add(key);
                list.Components.Add(target);
            }
        }

        // The directory answers the component a key has if a concurrent batch gave it one meanwhile: the router then merges.
        var resolved = await Task.WhenAll(toResolve.Select(async p => (p.Value.Keys, Resolved: await keyPartitions.Get(p.Key).Resolve([.. p.Value.Keys], [.. p.Value.Components]))));
        foreach (var (keys, answers) in resolved)
        {
            for (var i = 0; i < keys.Count; i++) components[keys[i]] = answers[i];
        }

        // Minted only where the directory gave every key of the group its candidate: a concurrent batch that gave one of
        // them another component first makes this group a merge instead.
        var minted = new HashSet<ComponentId>();
        foreach (var group in candidates)
        {
            var all = true;
            foreach (var key in group.Keys) all &= components[key] == group.Candidate;
            if (all) minted.Add(group.Candidate);
        }

        return (components, minted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ingest batch of {Events} record versions failed; its sender is told to send it again")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int events);

    /// <summary>One request's lines, cut into batches with a bounded number in flight.</summary>
    /// <param name="parts">Where the request is made of parts: each version is filed under <see cref="Part"/> as it is added.</param>
    private sealed class IngestRun(IngestPipeline pipeline, BatchParts? parts = null)
    {
        private readonly List<FeedRejection> _rejected = [];
        private readonly Queue<Task<IngestTally>> _inFlight = new();
        private ImmutableArray<FeedEvent>.Builder _batch = ImmutableArray.CreateBuilder<FeedEvent>(pipeline._options.BatchEvents);
        private IngestTally _tally;
        private bool _admitted;
        private string? _source;

        /// <summary>The part the lines added now belong to (with parts).</summary>
        public int Part { get; set; }

        public async Task AddAsync(FeedLineResult line)
        {
            if (line.Event is { } e)
            {
                _source = _source is null || _source == e.Source ? e.Source : LinkageMetrics.Unknown;
                parts?.Add(e, Part);
                _batch.Add(e);
                if (_batch.Count >= pipeline._options.BatchEvents) await DispatchAsync();
            }
            else if (line.Rejection is { } r)
            {
                _rejected.Add(r);
                parts?.Reject(r, Part);
            }
        }

        public async Task<IngestAnswer> FinishAsync()
        {
            if (_batch.Count > 0) await DispatchAsync();
            while (_inFlight.Count > 0) await TakeOldestAsync();
            pipeline._metrics.Rejected(_rejected, _source ?? LinkageMetrics.Unknown);
            return IngestAnswer.Of(_tally, _rejected);
        }

        private async Task DispatchAsync()
        {
            var events = _batch.ToImmutable();
            _batch = ImmutableArray.CreateBuilder<FeedEvent>(pipeline._options.BatchEvents);
            pipeline.Admit(events.Length, first: !_admitted);
            _admitted = true;
            _inFlight.Enqueue(pipeline.IngestBatchAsync(events, parts));
            if (_inFlight.Count >= pipeline._options.RequestParallelism) await TakeOldestAsync();
        }

        private async Task TakeOldestAsync()
        {
            try
            {
                _tally += await _inFlight.Dequeue();
            }
            catch
            {
                // The request fails; let the batches still in flight finish before it answers.
                await Task.WhenAll(_inFlight).ContinueWith(_ => { }, TaskScheduler.Default);
                _inFlight.Clear();
                throw;
            }
        }
    }
}

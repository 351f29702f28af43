using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Linking;

/// <summary>
/// The hard cases of the linkage rules, step by step: after every step the cluster's people
/// equal what the reference rules compute from the same records.
/// </summary>
public abstract class LinkageRuleCases(LinkageClusterFixture fixture)
{
    private readonly LinkageHttpFront _front = LinkageHttpFront.Of(fixture.Cluster);
    private readonly string _source = NewSource();
    private readonly List<FeedEvent> _sent = [];

    [Fact]
    public async Task An_id2_collision_after_a_join_splits_the_person_again()
    {
        var (midA, midB, name) = (NewMid(), NewMid(), NewId2());
        await Step(Lab(_source, "a1", mid: midA, id2: name), Lab(_source, "death", id2: name));
        Assert.Equal(1, await PeopleCount());

        await Step(Lab(_source, "b1", mid: midB, id2: name));

        Assert.Equal(3, await PeopleCount());
        var a = await PersonHolding(midA);
        Assert.Contains(a.History, c => c.Kind == LinkageChangeKind.Split && c.Cause.Contains(new RecordKey(_source, "b1")));
    }

    [Fact]
    public async Task Retracting_the_only_bridging_record_splits_the_person()
    {
        var (mid, name) = (NewMid(), NewId2());
        await Step(Lab(_source, "p1", mid: mid), Lab(_source, "q1", id2: name));
        Assert.Equal(2, await PeopleCount());
        await Step(Lab(_source, "bridge", mid: mid, id2: name));
        Assert.Equal(1, await PeopleCount());

        await Step(Lab(_source, "bridge", version: 2, mid: mid, id2: name, retracted: true));

        Assert.Equal(2, await PeopleCount());
        Assert.Contains((await PersonHolding(mid)).History, c => c.Kind == LinkageChangeKind.Split);
    }

    [Fact]
    public async Task A_split_after_a_version_linked_in_place_and_one_that_relinks_in_the_same_batch_is_in_the_history()
    {
        var (mid, name) = (NewMid(), NewId2());
        await Step(Lab(_source, "s1", mid: mid), Lab(_source, "s2", id2: name), Lab(_source, "s4", mid: mid), Lab(_source, "sbridge", mid: mid, id2: name));
        Assert.Equal(1, await PeopleCount());

        // One batch: a new record of a token the person holds (linked in place), a retraction of a current record (the
        // component relinks from there), then the bridge's retraction, which splits s1 from s2.
        await Step(
            Lab(_source, "s3", mid: mid),
            Lab(_source, "s4", version: 2, mid: mid, retracted: true),
            Lab(_source, "sbridge", version: 2, mid: mid, id2: name, retracted: true));

        Assert.Equal(2, await PeopleCount());
        Assert.Contains((await PersonHolding(mid)).History, c => c.Kind == LinkageChangeKind.Split);
    }

    [Fact]
    public async Task An_insurer_change_mid_month_keeps_the_two_enrolments_apart_and_one_at_a_month_boundary_joins_them()
    {
        var (oldId1, newId1, name) = (NewId1(), NewId1(), NewId2());
        await Step(Lab(_source, "m1", id1: oldId1, id2: name, date: "2024-04-03"), Lab(_source, "m2", id1: newId1, id2: name, date: "2024-04-20"));
        Assert.Equal(2, await PeopleCount());

        var (before, after, other) = (NewId1(), NewId1(), NewId2());
        await Step(Lab(_source, "b1", id1: before, id2: other, date: "2024-03-28"), Lab(_source, "b2", id1: after, id2: other, date: "2024-04-01"));

        Assert.Equal(3, await PeopleCount());
    }

    [Fact]
    public async Task A_record_links_late_when_its_token_turns_up()
    {
        var (mid, name) = (NewMid(), NewId2());
        await Step(Lab(_source, "x1", id2: name));
        await Step(Lab(_source, "x2", mid: mid));
        Assert.Equal(2, await PeopleCount());

        await Step(Lab(_source, "x3", mid: mid, id2: name));

        Assert.Equal(1, await PeopleCount());
        Assert.Contains((await PersonHolding(mid)).History, c => c.Kind == LinkageChangeKind.Merge);
    }

    [Fact]
    public async Task Concurrent_small_batches_over_few_tokens_give_the_rules_partition()
    {
        var random = new Random(20261124);
        var mids = Enumerable.Range(0, 4).Select(_ => NewMid()).ToArray();
        var names = Enumerable.Range(0, 3).Select(_ => NewId2()).ToArray();
        var versions = new Dictionary<string, int>();
        var events = new List<FeedEvent>();
        for (var i = 0; i < 240; i++)
        {
            // Each (record, version) has one content, so which version wins cannot depend on arrival order.
            var recordId = $"c{random.Next(120)}";
            var version = versions[recordId] = versions.GetValueOrDefault(recordId) + 1;
            var mid = random.Next(3) == 0 ? null : mids[random.Next(mids.Length)];
            var id2 = mid is null || random.Next(2) == 0 ? names[random.Next(names.Length)] : null;
            events.Add(Lab(_source, recordId, version, mid, id2, retracted: random.Next(10) == 0, date: $"2024-{random.Next(1, 13):00}-15"));
        }

        events = [.. events.OrderBy(_ => random.Next())];
        var batches = events.Chunk(3).ToList();
        // Spread over the silos' APIs, so that several logs and silos route at once.
        await Task.WhenAll(batches.Select((b, i) => LinkageHttpFront.Of(fixture.Cluster, i).IngestAsync(b)));
        _sent.AddRange(events);

        ClusterLinks.AssertSame(ClusterLinks.Expected(_sent), await ClusterLinks.ReadAsync(_front, new HashSet<string> { _source }));
    }

    private async Task Step(params FeedEvent[] events)
    {
        await _front.IngestAsync(events);
        _sent.AddRange(events);
        ClusterLinks.AssertSame(ClusterLinks.Expected(_sent), await ClusterLinks.ReadAsync(_front, new HashSet<string> { _source }));
    }

    private async Task<int> PeopleCount() =>
        (await ClusterLinks.ReadAsync(_front, new HashSet<string> { _source })).Values.Distinct().Count();

    private Task<PersonView> PersonHolding(string token) => _front.PersonAsync(token);
}

/// <summary>The hard cases on one silo.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class LinkageRuleCasesOnOneSilo(LinkageClusterFixture fixture) : LinkageRuleCases(fixture);

/// <summary>The hard cases on three silos.</summary>
[Collection(ThreeSiloCollection.Name)]
public sealed class LinkageRuleCasesOnThreeSilos(ThreeSiloClusterFixture fixture) : LinkageRuleCases(fixture);

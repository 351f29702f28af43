using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>
/// <see cref="LinkageRules.Partition"/> of a changing set of records, kept current one record version at a time where
/// that provably gives what <see cref="LinkageRules.Partition"/> of all of them gives; anything else is refused, and the
/// owner recomputes the partition (<see cref="Of"/>).
/// </summary>
/// <remarks>
/// The conditions and why they are sufficient: docs/linkage.md, "Incremental linking". Besides the people it keeps what
/// the rules' steps 1 to 3 read: the strong cluster holding each mid and id1, the id1 months of each cluster, and the
/// clusters holding each id2. Not thread-safe.
/// </remarks>
public sealed class IncrementalPartition
{
    private readonly Dictionary<string, int> _clusterOfStrongToken = new(StringComparer.Ordinal);
    private readonly HashSet<int> _clustersWithMid = [];
    private readonly HashSet<long> _monthsOfClusters = [];
    private readonly Dictionary<string, List<int>> _clustersOfId2 = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _id2sOfCluster = [];
    private int _clusterCount;

    private IncrementalPartition(PeoplePartition people) => People = people;

    /// <summary>The people of the current records; changed in place by <see cref="TryApply"/>.</summary>
    public PeoplePartition People { get; }

    /// <summary>The partition of <paramref name="currentRecords"/> (as <see cref="LinkageRules.Partition"/> computes it), ready to take new versions.</summary>
    public static IncrementalPartition Of(IReadOnlyCollection<FeedEvent> currentRecords)
    {
        var linked = new IncrementalPartition(LinkageRules.Partition(currentRecords, out var records, out var clusterOfRecord, out var clusters));
        linked._clusterCount = clusters;
        for (var i = 0; i < records.Length; i++) linked.Register(records[i].Subject, records[i].Date, clusterOfRecord[i]);
        return linked;
    }

    /// <summary>
    /// Takes the new latest version of a record when it cannot change who is who, leaving <see cref="People"/> equal to
    /// <see cref="LinkageRules.Partition"/> of the current records with it.
    /// </summary>
    /// <param name="version">The version that became the record's latest.</param>
    /// <param name="replaced">The latest version it replaced (a tombstone too), or null for a record not seen before.</param>
    /// <param name="changed">The person now holding the record (whose summary changed), or null when the current records are as they were.</param>
    /// <returns>False when the version might change who is who: nothing was changed, and the partition must be recomputed.</returns>
    public bool TryApply(FeedEvent version, FeedEvent? replaced, out LinkedPerson? changed)
    {
        ArgumentNullException.ThrowIfNull(version);
        changed = null;
        var previous = replaced is { Retracted: false } ? replaced : null;

        // Condition R: retracting a record that is not current (never seen, or retracted already) leaves the current
        // records alone; retracting a current one may split its person.
        if (version.Retracted) return previous is null;

        if (previous is not null)
        {
            // Condition C: a correction keeping the facts the rules read.
            if (!SameLinkageFacts(previous, version)) return false;
            changed = People.PersonOf(version.Key);
            return changed is not null;
        }

        var subject = version.Subject;
        if (subject.Mid is null && subject.Id1 is null && subject.Id2 is null) return false;
        var midCluster = ClusterOf(subject.Mid);
        var id1Cluster = ClusterOf(subject.Id1);
        if (midCluster < 0 && id1Cluster < 0) return TryApplyNewCluster(version, out changed);
        return TryApplyToCluster(version, midCluster, id1Cluster, out changed);
    }

    /// <summary>
    /// A new record none of whose strong tokens (if any) the records hold: a strong cluster of its own (conditions N, J, A).
    /// </summary>
    private bool TryApplyNewCluster(FeedEvent version, out LinkedPerson? changed)
    {
        changed = null;
        var subject = version.Subject;
        var month = LinkageRules.MonthOf(version.Date);
        string? smallestStrong = Smallest(subject.Mid, subject.Id1);
        if (subject.Id2 is not { } id2 || !_clustersOfId2.TryGetValue(id2, out var holders))
        {
            // Condition N: every token new. The cluster shares no id2 with any other, so it conflicts with none that
            // matters, joins nobody, and is a person of its own with all its tokens as anchors.
            var person = NewPerson(version, Smallest(smallestStrong, subject.Id2)!);
            Register(subject, version.Date, _clusterCount++);
            People.AddPerson(person);
            changed = person;
            return true;
        }

        if (People.AmbiguousId2.Contains(id2))
        {
            // Condition A: its id2 is ambiguous already, and more holders cannot make it unambiguous. Joined by nobody:
            // a person of its own, named by its smallest strong token, or by its record when it has none.
            var person = NewPerson(version, smallestStrong);
            Register(subject, version.Date, _clusterCount++);
            People.AddPerson(person);
            changed = person;
            return true;
        }

        // Condition J: the id2 is unambiguous and the new cluster conflicts with none of its holders (not both with a
        // mid, no shared id1 month), so it stays unambiguous and the cluster joins its person; that person's id stays,
        // the record's new strong tokens being larger than the person's smallest anchor.
        foreach (var holder in holders)
        {
            if (subject.Mid is not null && _clustersWithMid.Contains(holder)) return false;
            if (subject.Id1 is not null && _monthsOfClusters.Contains(MonthKey(holder, month))) return false;
        }

        if (People.SoleHolderOf(id2) is not { } slot) return false;
        if (smallestStrong is not null && string.CompareOrdinal(smallestStrong, AnchorOf(slot.Person)) < 0) return false;
        Register(subject, version.Date, _clusterCount++);
        People.AddRecord(slot, version.Key, [subject.Mid, subject.Id1]);
        changed = slot.Person;
        return true;
    }

    /// <summary>A new record whose strong tokens the records hold already, all in one cluster (condition S).</summary>
    private bool TryApplyToCluster(FeedEvent version, int midCluster, int id1Cluster, out LinkedPerson? changed)
    {
        changed = null;
        var subject = version.Subject;

        // Every strong token held already, all by one cluster: the record joins that cluster and no other.
        if (subject.Mid is not null && midCluster < 0) return false;
        if (subject.Id1 is not null && id1Cluster < 0) return false;
        if (midCluster >= 0 && id1Cluster >= 0 && midCluster != id1Cluster) return false;
        var cluster = midCluster >= 0 ? midCluster : id1Cluster;
        if (People.SoleHolderOf(subject.Mid ?? subject.Id1!) is not { } slot) return false;

        // Its id1 month is the cluster's already, or none of the clusters sharing an id2 with it has that month: no
        // conflict between two holders of an id2 appears.
        var month = LinkageRules.MonthOf(version.Date);
        var newMonth = subject.Id1 is not null && !_monthsOfClusters.Contains(MonthKey(cluster, month));
        if (newMonth && _id2sOfCluster.TryGetValue(cluster, out var id2s))
        {
            foreach (var id2 in id2s)
            {
                foreach (var other in _clustersOfId2[id2])
                {
                    if (other != cluster && _monthsOfClusters.Contains(MonthKey(other, month))) return false;
                }
            }
        }

        // Its id2 is the cluster's already (its holders, ambiguity and joins stay as they were), or new to the records:
        // then only this cluster holds it, so it is unambiguous and joins nobody, and the person keeps their id as long as
        // it is larger than their smallest anchor.
        string? newId2 = null;
        if (subject.Id2 is { } id2Token)
        {
            if (_clustersOfId2.TryGetValue(id2Token, out var holders))
            {
                if (!holders.Contains(cluster)) return false;
            }
            else
            {
                if (string.CompareOrdinal(id2Token, AnchorOf(slot.Person)) < 0) return false;
                newId2 = id2Token;
            }
        }

        Register(subject, version.Date, cluster);
        People.AddRecord(slot, version.Key, [newId2]);
        changed = slot.Person;
        return true;
    }

    /// <summary>Whether two versions of a record agree on all the rules read of it: its tokens, and its month when it carries an id1.</summary>
    public static bool SameLinkageFacts(FeedEvent a, FeedEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (x, y) = (a.Subject, b.Subject);
        return string.Equals(x.Mid, y.Mid, StringComparison.Ordinal)
            && string.Equals(x.Id1, y.Id1, StringComparison.Ordinal)
            && string.Equals(x.Id2, y.Id2, StringComparison.Ordinal)
            && (x.Id1 is null || LinkageRules.MonthOf(a.Date) == LinkageRules.MonthOf(b.Date));
    }

    /// <summary>A person of one new record, named by <paramref name="anchor"/>, or by the record when it has none.</summary>
    private static LinkedPerson NewPerson(FeedEvent version, string? anchor) => new()
    {
        Id = anchor is not null ? PersonId.ForAnchor(anchor).Value : PersonId.ForRecord(version.Key).Value,
        Records = [version.Key],
        Tokens = [.. version.Subject.Tokens().Order(StringComparer.Ordinal)],
    };

    /// <summary>The smallest anchor of a person who has one (their id is <c>p.</c> + it).</summary>
    private static string AnchorOf(LinkedPerson person) => person.Id[PersonId.Prefix.Length..];

    private static string? Smallest(string? a, string? b) =>
        a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    /// <summary>The cluster holding a strong token; -1 for none or an unknown token.</summary>
    private int ClusterOf(string? token) => token is not null && _clusterOfStrongToken.TryGetValue(token, out var cluster) ? cluster : -1;

    /// <summary>Records what steps 1 to 3 read of a record of <paramref name="cluster"/>.</summary>
    private void Register(Subject subject, DateOnly date, int cluster)
    {
        if (subject.Mid is not null)
        {
            _clusterOfStrongToken[subject.Mid] = cluster;
            _clustersWithMid.Add(cluster);
        }

        if (subject.Id1 is not null)
        {
            _clusterOfStrongToken[subject.Id1] = cluster;
            _monthsOfClusters.Add(MonthKey(cluster, LinkageRules.MonthOf(date)));
        }

        if (subject.Id2 is not null)
        {
            if (!_clustersOfId2.TryGetValue(subject.Id2, out var holders)) _clustersOfId2[subject.Id2] = holders = [];
            if (holders.Contains(cluster)) return;
            holders.Add(cluster);
            if (!_id2sOfCluster.TryGetValue(cluster, out var id2s)) _id2sOfCluster[cluster] = id2s = [];
            id2s.Add(subject.Id2);
        }
    }

    private static long MonthKey(int cluster, int month) => ((long)cluster << 32) | (uint)month;
}

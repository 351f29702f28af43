using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>
/// The reference implementation of the events-v1 linkage rules: people as a pure function of the set of current
/// records.
/// </summary>
/// <remarks>
/// The four steps of the contract:
/// <list type="number">
/// <item>records sharing a <c>mid</c> or an <c>id1</c> are strongly linked; strong clusters are the connected
/// components;</item>
/// <item>two strong clusters conflict when both hold a <c>mid</c> (their mid sets are disjoint, so the mids
/// differ), or when each has an <c>id1</c>-carrying record dated in a calendar month in which the other also has
/// one;</item>
/// <item>an <c>id2</c> is ambiguous when two of the clusters holding it conflict;</item>
/// <item>people are the connected components of strong clusters joined by shared unambiguous <c>id2</c>
/// tokens.</item>
/// </list>
/// Runs in near-linear time: union-find and hashing, plus sorting each person's records and tokens. Tokens are
/// expected in the form events-v1 validation guarantees (<c>mid.</c>, <c>id1.</c>, <c>id2.</c> + hash, each in
/// its own field).
/// </remarks>
public static class LinkageRules
{
    /// <summary>Computes the people of <paramref name="currentRecords"/>; the result does not depend on their order.</summary>
    /// <param name="currentRecords">
    /// The current records: the latest version of each (source, recordId), retracted ones left out.
    /// </param>
    /// <exception cref="ArgumentException">Two records have the same (source, recordId).</exception>
    public static PeoplePartition Partition(IReadOnlyCollection<FeedEvent> currentRecords)
    {
        ArgumentNullException.ThrowIfNull(currentRecords);
        return currentRecords.Count == 0 ? PeoplePartition.Empty : Partition(currentRecords, out _, out _, out _);
    }

    /// <summary>
    /// <see cref="Partition(IReadOnlyCollection{FeedEvent})"/>, also giving the records in the order numbered and the
    /// strong cluster of each (dense numbers below <paramref name="clusterCount"/>), for <see cref="IncrementalPartition"/>.
    /// The partition is a new instance even for no records.
    /// </summary>
    internal static PeoplePartition Partition(
        IReadOnlyCollection<FeedEvent> currentRecords, out FeedEvent[] records, out int[] clusterOfRecord, out int clusterCount)
    {
        ArgumentNullException.ThrowIfNull(currentRecords);
        if (currentRecords.Count == 0)
        {
            (records, clusterOfRecord, clusterCount) = ([], [], 0);
            return PeoplePartition.NewEmpty();
        }

        // The internal numbering of records and clusters follows the input order; everything the result shows
        // (components, ambiguity, smallest anchors, sorted lists) is a function of the set alone.
        records = currentRecords.ToArray();
        var indexOfRecord = new Dictionary<RecordKey, int>(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            if (!indexOfRecord.TryAdd(records[i].Key, i))
            {
                throw new ArgumentException($"record {records[i].Key} appears twice; pass only its current version", nameof(currentRecords));
            }
        }

        clusterOfRecord = StrongClusters(records, out clusterCount);
        var clusterHasMid = new bool[clusterCount];
        var id1MonthsOfCluster = Id1MonthsOfClusters(records, clusterOfRecord, clusterHasMid);
        var clustersOfId2 = ClustersHoldingEachId2(records, clusterOfRecord);

        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var joined = new DisjointSets(clusterCount);
        var seenMonths = new HashSet<int>();
        foreach (var (id2, clusters) in clustersOfId2)
        {
            if (clusters.Length < 2) continue;
            if (AnyTwoConflict(clusters, clusterHasMid, id1MonthsOfCluster, seenMonths))
            {
                ambiguous.Add(id2);
                continue;
            }

            for (var i = 1; i < clusters.Length; i++) joined.Union(clusters[0], clusters[i]);
        }

        return Assemble(records, clusterOfRecord, joined, ambiguous);
    }

    /// <summary>Step 1: the strong cluster (a dense number) of each record.</summary>
    private static int[] StrongClusters(FeedEvent[] records, out int clusterCount)
    {
        var strong = new DisjointSets(records.Length);
        var firstHolder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            LinkThrough(records[i].Subject.Mid, i);
            LinkThrough(records[i].Subject.Id1, i);
        }

        return strong.DenseSetNumbers(out clusterCount);

        void LinkThrough(string? token, int record)
        {
            if (token is not null && !firstHolder.TryAdd(token, record)) strong.Union(firstHolder[token], record);
        }
    }

    /// <summary>
    /// Step 2's inputs: whether each cluster holds a mid, and the sorted distinct calendar months (year * 12 + month)
    /// of its records that carry an id1.
    /// </summary>
    private static int[][] Id1MonthsOfClusters(FeedEvent[] records, int[] clusterOfRecord, bool[] clusterHasMid)
    {
        var months = new List<int>?[clusterHasMid.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var cluster = clusterOfRecord[i];
            var subject = records[i].Subject;
            if (subject.Mid is not null) clusterHasMid[cluster] = true;
            if (subject.Id1 is not null)
            {
                (months[cluster] ??= []).Add(MonthOf(records[i].Date));
            }
        }

        var result = new int[months.Length][];
        for (var c = 0; c < months.Length; c++)
        {
            if (months[c] is not { } list)
            {
                result[c] = [];
                continue;
            }

            list.Sort();
            result[c] = list.Distinct().ToArray();
        }

        return result;
    }

    /// <summary>Step 3's input: for each id2, the distinct strong clusters holding it, ascending.</summary>
    private static Dictionary<string, int[]> ClustersHoldingEachId2(FeedEvent[] records, int[] clusterOfRecord)
    {
        var holders = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Subject.Id2 is not { } id2) continue;
            if (!holders.TryGetValue(id2, out var clusters)) holders[id2] = clusters = [];
            clusters.Add(clusterOfRecord[i]);
        }

        var result = new Dictionary<string, int[]>(holders.Count, StringComparer.Ordinal);
        foreach (var (id2, clusters) in holders)
        {
            clusters.Sort();
            result[id2] = clusters.Distinct().ToArray();
        }

        return result;
    }

    /// <summary>
    /// Step 2 applied to the clusters holding one id2: true when two of them conflict. Linear in their id1 months
    /// (less those of the largest), not quadratic in the number of clusters.
    /// </summary>
    private static bool AnyTwoConflict(int[] clusters, bool[] clusterHasMid, int[][] id1Months, HashSet<int> seenMonths)
    {
        var withMid = 0;
        var largest = clusters[0];
        foreach (var cluster in clusters)
        {
            if (clusterHasMid[cluster] && ++withMid >= 2) return true;
            if (id1Months[cluster].Length > id1Months[largest].Length) largest = cluster;
        }

        // A month shared by two different clusters: either the largest has it, or another cluster added it to
        // seenMonths before (a cluster's own months are distinct, so a failed Add means a second cluster).
        seenMonths.Clear();
        var largestMonths = id1Months[largest];
        foreach (var cluster in clusters)
        {
            if (cluster == largest) continue;
            foreach (var month in id1Months[cluster])
            {
                if (Array.BinarySearch(largestMonths, month) >= 0 || !seenMonths.Add(month)) return true;
            }
        }

        return false;
    }

    /// <summary>Step 4's result turned into people with their ids.</summary>
    private static PeoplePartition Assemble(
        FeedEvent[] records, int[] clusterOfRecord, DisjointSets joined, HashSet<string> ambiguous)
    {
        var personOfCluster = joined.DenseSetNumbers(out var personCount);
        var recordsOfPerson = new List<int>[personCount];
        for (var i = 0; i < records.Length; i++)
        {
            (recordsOfPerson[personOfCluster[clusterOfRecord[i]]] ??= []).Add(i);
        }

        var people = new LinkedPerson[personCount];
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < personCount; p++)
        {
            tokens.Clear();
            string? smallestAnchor = null;
            foreach (var i in recordsOfPerson[p])
            {
                var subject = records[i].Subject;
                foreach (var token in subject.Tokens()) tokens.Add(token);
                ConsiderAnchor(subject.Mid, ref smallestAnchor);
                ConsiderAnchor(subject.Id1, ref smallestAnchor);
                if (subject.Id2 is { } id2 && !ambiguous.Contains(id2)) ConsiderAnchor(id2, ref smallestAnchor);
            }

            // Why ids are unique: a mid or id1 token is held only by records of one strong cluster (records sharing
            // it are strongly linked), and an unambiguous id2 only by clusters that step 4 joins into one person. So
            // the anchor sets of two people are disjoint, and so are their smallest anchors. A person without
            // anchors is named by one of its own records ("p.rec:" + key); a record belongs to one person, and
            // "p.rec:" cannot begin "p." + an anchor, whose prefixes are "mid.", "id1." and "id2.".
            var personKeys = new RecordKey[recordsOfPerson[p].Count];
            for (var k = 0; k < personKeys.Length; k++) personKeys[k] = records[recordsOfPerson[p][k]].Key;
            Array.Sort(personKeys);
            var id = smallestAnchor is not null ? PersonId.ForAnchor(smallestAnchor) : PersonId.ForRecord(personKeys[0]);
            people[p] = new LinkedPerson
            {
                Id = id.Value,
                Records = ImmutableCollectionsMarshal.AsImmutableArray(personKeys),
                Tokens = [.. tokens],
            };
        }

        Array.Sort(people, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new PeoplePartition([.. people], ambiguous.ToImmutableSortedSet(StringComparer.Ordinal));
    }

    private static void ConsiderAnchor(string? token, ref string? smallest)
    {
        if (token is not null && (smallest is null || string.CompareOrdinal(token, smallest) < 0)) smallest = token;
    }

    /// <summary>The calendar month step 2 compares: year * 12 + month - 1.</summary>
    internal static int MonthOf(DateOnly date) => date.Year * 12 + date.Month - 1;
}

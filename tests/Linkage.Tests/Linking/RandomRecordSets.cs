using Linkage.Feeds;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>
/// Random record sets over small token pools, so that strong links, conflicts and collisions are common; dates spread
/// over <see cref="Years"/> years but only six months of each, so that id1 records in the same month of different
/// years (no conflict) are as common as in the same calendar month (a conflict).
/// </summary>
internal static class RandomRecordSets
{
    public const int FirstYear = 2018;

    public const int Years = 4;

    public static FeedEvent[] Make(int seed, int count)
    {
        var random = new Random(seed);
        var mids = Enumerable.Range(0, Math.Max(2, count / 5)).Select(i => Mid(i.ToString())).ToArray();
        var id1s = Enumerable.Range(0, Math.Max(2, count / 3)).Select(i => Id1(i.ToString())).ToArray();
        var id2s = Enumerable.Range(0, Math.Max(2, count / 4)).Select(i => Id2("ナマエ" + i)).ToArray();
        var records = new FeedEvent[count];
        for (var i = 0; i < count; i++)
        {
            string? mid = null, id1 = null, id2 = null;
            while (mid is null && id1 is null && id2 is null)
            {
                if (random.NextDouble() < 0.3) mid = mids[random.Next(mids.Length)];
                if (random.NextDouble() < 0.5) id1 = id1s[random.Next(id1s.Length)];
                if (random.NextDouble() < 0.6) id2 = id2s[random.Next(id2s.Length)];
            }

            var date = new DateOnly(FirstYear + random.Next(Years), 1 + random.Next(6), 1 + random.Next(28));
            records[i] = Record(
                "r" + i, date.ToString("yyyy-MM-dd"), mid, id1, id2, source: random.Next(2) == 0 ? "feed-a" : "feed-b");
        }

        return records;
    }
}

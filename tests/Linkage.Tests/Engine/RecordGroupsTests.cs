using Linkage.Feeds;
using Linkage.Linking;
using Linkage.People;
using Linkage.Tests.Population;

namespace Linkage.Tests.Engine;

/// <summary>A batch is cut into the groups of versions that share a token or a record, each named by its smallest token.</summary>
public sealed class RecordGroupsTests(GeneratedPopulationFixture fixture) : IClassFixture<GeneratedPopulationFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    [InlineData(20_000)]
    public void A_batch_of_generated_lines_is_cut_into_the_connected_groups_of_its_versions(int from)
    {
        var batch = fixture.Valid.Skip(from).Take(5_000).ToList();

        var groups = RecordGroups.Of(batch);

        var expected = ConnectedGroups(batch);
        Assert.Equal(expected.Count, groups.Count);
        Assert.Contains(groups, g => g.Events.Length > 1);
        foreach (var (group, members) in groups.Zip(expected))
        {
            Assert.Equal(members, group.Events);
            var tokens = members.SelectMany(e => e.Subject.Tokens()).Distinct().ToList();
            var keys = tokens.Select(RoutingKey.HashOfToken).Concat(members.Select(e => RoutingKey.HashOfRecord(e.Key))).Distinct();
            Assert.Equal(keys.Order(), group.Keys.Order());
            Assert.Equal(ComponentId.For(RoutingKey.ForToken(tokens.Min(StringComparer.Ordinal)!)), group.Candidate);
        }
    }

    [Fact]
    public void Two_versions_of_one_record_are_one_group_whatever_their_subjects_carry()
    {
        var first = Version("r1", mid: "mid.AAAAAAAAAAAAAAAAAAAAAA", id1: null);
        var corrected = Version("r1", mid: null, id1: "id1.corrected") with { Version = 2 };
        var other = Version("r2", mid: null, id1: "id1.other");

        var groups = RecordGroups.Of([first, other, corrected]);

        Assert.Equal([[first, corrected], [other]], groups.Select(g => g.Events.ToArray()));
        Assert.Equal(ComponentId.For(RoutingKey.ForToken("id1.corrected")), groups[0].Candidate);
    }

    /// <summary>The groups by a plain search over shared tokens and records, each in batch order, ordered by their first version.</summary>
    private static List<List<FeedEvent>> ConnectedGroups(List<FeedEvent> batch)
    {
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var key in batch[i].Subject.Tokens().Append("rec:" + batch[i].Key))
            {
                if (!byKey.TryGetValue(key, out var holders)) byKey[key] = holders = [];
                holders.Add(i);
            }
        }

        var groupOf = new int[batch.Count];
        Array.Fill(groupOf, -1);
        var groups = new List<List<FeedEvent>>();
        for (var start = 0; start < batch.Count; start++)
        {
            if (groupOf[start] >= 0) continue;
            var members = new SortedSet<int> { start };
            var pending = new Stack<int>([start]);
            groupOf[start] = groups.Count;
            while (pending.TryPop(out var i))
            {
                foreach (var key in batch[i].Subject.Tokens().Append("rec:" + batch[i].Key))
                {
                    foreach (var j in byKey[key])
                    {
                        if (groupOf[j] >= 0) continue;
                        groupOf[j] = groups.Count;
                        members.Add(j);
                        pending.Push(j);
                    }
                }
            }

            groups.Add([.. members.Select(i => batch[i])]);
        }

        return groups;
    }

    private static FeedEvent Version(string recordId, string? mid, string? id1) => new()
    {
        Source = "test-feed",
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Lab,
        Date = new DateOnly(2024, 1, 1),
        Subject = new Subject { Mid = mid, Id1 = id1, Birth = "1950-03", Sex = Sex.F },
        Data = new LabData { Code = "3D046000001920402", Value = 8.1 },
    };
}

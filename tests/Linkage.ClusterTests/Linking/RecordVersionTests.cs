using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Linking;

/// <summary>A person's records follow the version rules of events-v1: latest wins, retractions remove, the rest are duplicates.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class RecordVersionTests(LinkageClusterFixture fixture)
{
    private readonly LinkageHttpFront _front = LinkageHttpFront.Of(fixture.Cluster);

    [Fact]
    public async Task Higher_version_replaces_and_equal_or_lower_versions_are_duplicates()
    {
        var source = NewSource();
        var mid = NewMid();

        Assert.Equal(new IngestTally(1, 0), await Route(Lab(source, "r1", 1, mid, value: 1)));
        Assert.Equal(new IngestTally(1, 0), await Route(Lab(source, "r1", 3, mid, value: 3)));
        Assert.Equal(new IngestTally(0, 1), await Route(Lab(source, "r1", 3, mid, value: 99)));
        Assert.Equal(new IngestTally(0, 1), await Route(Lab(source, "r1", 2, mid, value: 2)));

        var person = await SinglePerson(mid);
        var record = Assert.Single(person.Records);
        Assert.Equal(3, record.Version);
        Assert.Equal(3, Assert.IsType<LabData>(record.Data).Value);
    }

    [Fact]
    public async Task Retraction_removes_the_record_and_older_versions_stay_duplicates()
    {
        var source = NewSource();
        var mid = NewMid();
        await Route(Lab(source, "keep", 1, mid), Lab(source, "cancel", 1, mid));

        Assert.Equal(new IngestTally(1, 0), await Route(Lab(source, "cancel", 2, mid, retracted: true)));
        Assert.Equal(new IngestTally(0, 1), await Route(Lab(source, "cancel", 1, mid)));

        var person = await SinglePerson(mid);
        Assert.Equal(["keep"], person.Records.Select(r => r.RecordId));
    }

    [Fact]
    public async Task The_same_line_twice_in_one_batch_counts_once()
    {
        var source = NewSource();
        var mid = NewMid();
        Assert.Equal(new IngestTally(1, 1), await Route(Lab(source, "r1", 1, mid), Lab(source, "r1", 1, mid)));
    }

    [Fact]
    public async Task Records_sharing_a_token_are_one_person_across_batches()
    {
        var source = NewSource();
        var mid = NewMid();
        await Route(Lab(source, "a", 1, mid));
        await Route(Lab(source, "b", 1, mid));

        var person = await SinglePerson(mid);
        Assert.Equal(["a", "b"], person.Records.Select(r => r.RecordId).Order());
    }

    [Fact]
    public async Task Correction_that_changes_the_token_moves_the_record_to_the_new_person()
    {
        var source = NewSource();
        var (oldMid, newMid) = (NewMid(), NewMid());
        await Route(Lab(source, "r1", 1, oldMid), Lab(source, "other", 1, oldMid));
        await Route(Lab(source, "r1", 2, newMid));

        Assert.Equal(["other"], (await SinglePerson(oldMid)).Records.Select(r => r.RecordId));
        Assert.Equal(["r1"], (await SinglePerson(newMid)).Records.Select(r => r.RecordId));
    }

    private Task<IngestTally> Route(params FeedEvent[] events) => _front.IngestAsync(events);

    private Task<PersonView> SinglePerson(string token) => _front.PersonAsync(token);
}

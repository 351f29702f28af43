using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>Counting over current records: the people are the linkage rules' people, each counted once.</summary>
public sealed class LinkedPeopleTests
{
    private static FeedEvent Of(FeedEvent record, string medicalId, Sex sex = Sex.F) =>
        record with { Subject = Subject(sex: sex) with { Mid = Linking.TestRecords.Mid(medicalId) } };

    [Fact]
    public void Records_linked_into_one_person_count_once_and_together()
    {
        const string json = """{"entry":{"kind":"receipt","code":"E11"},"require":[{"kind":"lab","from":0}],"groupBy":["sex"]}""";
        FeedEvent[] records =
        [
            Of(Diagnosed("2021-01-01", "E11"), "A"),
            Of(Lab("2021-02-01"), "A"),
            Of(Diagnosed("2021-03-01", "E11"), "A"),
            Of(Diagnosed("2021-01-01", "E11"), "B", Sex.M),
            Of(Lab("2021-02-01"), "C", Sex.M),
        ];

        var tally = CohortEvaluator.Count(Definition(json), records);

        Assert.Equal(["F=1"], Groups(tally));
    }
}

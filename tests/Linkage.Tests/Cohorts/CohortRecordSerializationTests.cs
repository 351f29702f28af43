using Linkage.Cohorts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Linkage.Tests.Cohorts;

/// <summary>The cohort records cross grain calls: each comes back from Orleans' serializer equal.</summary>
public sealed class CohortRecordSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) where T : class => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void A_definition_a_tally_and_an_answer_survive_serialization()
    {
        var definition = CohortRecords.Definition(
            CohortDefinitionExample.Json.Replace("\"minCell\": 10", "\"minCell\": 10, \"survival\": {\"step\": 30}", StringComparison.Ordinal));
        var tally = new CohortTally
        {
            Total = 30,
            Groups = [new GroupCount { Key = ["F", "60-69", "13", "2021", "yes"], Count = 30 }],
            Survival = [new SurvivalCounts { Key = ["F", "60-69", "13", "2021"], Events = [20, 0], Censored = [0, 10] }],
        };
        var withSurvival = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor);
        var withoutSurvival = withSurvival with { Survival = null };

        Assert.NotNull(definition.Survival);
        Assert.Equal(definition, RoundTrip(definition));
        Assert.Equal(tally, RoundTrip(tally));
        Assert.Equal(withSurvival, RoundTrip(withSurvival));
        Assert.Equal(withoutSurvival, RoundTrip(withoutSurvival));
        Assert.NotEmpty(withSurvival.Survival!.Value[0].Intervals);
    }
}

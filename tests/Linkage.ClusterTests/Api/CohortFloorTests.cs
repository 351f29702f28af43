using System.Net;
using System.Text;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// A host configured with a small-cell floor above cohort-v1's 10 (<c>Linkage:Cohorts:MinCellFloor</c>) holds every
/// query to it: a lower <c>minCell</c> is refused naming the field and the floor, none asked means the floor.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CohortFloorTests(LinkageApiFixture api)
{
    [Fact]
    public async Task A_host_with_a_floor_of_20_refuses_a_min_cell_below_it_and_answers_at_the_floor_when_none_is_asked()
    {
        await using var host = new LinkageHostFactory(api.Storage.ConnectionString, "floor", new Dictionary<string, string>
        {
            ["Linkage:Cohorts:MinCellFloor"] = "20",
        });
        using var researcher = host.CreateClient();
        researcher.DefaultRequestHeaders.Authorization = new("Bearer", "dev-researcher-key");
        Assert.True(await host.Services.GetRequiredService<EngineGate>().WaitOpenAsync(TimeSpan.FromSeconds(60)), "the floor host's engine gate did not open within 60 s");

        using var below = await researcher.PostAsync("/api/v1/cohorts/count", Json("""{"entry":{"kind":"receipt"},"minCell":10}"""));
        var problem = await below.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("minCell: 10 is below this server's floor of 20", problem);

        var (unasked, above) = (await CohortCalls.CountAsync(researcher, """{"entry":{"kind":"receipt"}}"""), await CohortCalls.CountAsync(researcher, """{"entry":{"kind":"receipt"},"minCell":25}"""));
        Assert.Equal((20, 25), (unasked.GetProperty("minCell").GetInt32(), above.GetProperty("minCell").GetInt32()));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

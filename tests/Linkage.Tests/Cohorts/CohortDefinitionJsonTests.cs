using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>Definitions written back as cohort-v1 JSON read back equal.</summary>
public sealed class CohortDefinitionJsonTests
{
    [Fact]
    public void The_contract_example_is_written_in_the_contracts_order_and_reads_back_equal()
    {
        var json = CohortDefinitionJson.ToJson(CohortDefinitionExample.Expected);

        Assert.Equal(
            """{"entry":{"kind":"receipt","code":"E11"},"period":{"from":"2020-01-01","to":"2024-12-31"},"require":[{"kind":"lab","code":"3D046","min":8,"from":0,"to":180}],"exclude":[{"kind":"receipt","code":"E10","from":-365,"to":-1}],"age":{"min":40,"max":74},"sex":"F","pref":["13","14"],"outcome":{"kind":"death","from":0,"to":365},"groupBy":["sex","age10","pref","entryYear","outcome"],"minCell":10}""",
            json);
        Assert.Equal(CohortDefinitionExample.Expected, CohortRecords.Definition(json));
    }

    [Fact]
    public void Absent_fields_are_left_out_and_min_cell_is_always_written()
    {
        Assert.Equal(
            """{"entry":{"kind":"death"},"minCell":10}""",
            CohortDefinitionJson.ToJson(CohortRecords.Definition("""{"entry":{"kind":"death"}}""")));
    }

    [Fact]
    public void Every_criterion_field_and_survival_read_back_equal()
    {
        var definition = new CohortDefinition
        {
            Entry = new CohortCriterion { Kind = EventKind.Receipt, Code = "E11", Procedure = "K549", Drug = "3969" },
            Period = new DatePeriod { To = new DateOnly(2024, 2, 29) },
            Require =
            [
                new CohortCriterion { Kind = EventKind.Lab, Code = "3D046", Min = 6.5, Max = 14.25, From = -30 },
                new CohortCriterion { Kind = EventKind.Surgery, Code = "K5493", Complication = true, To = 0 },
                new CohortCriterion { Kind = EventKind.Vital, Type = "sbp", Min = 140 },
                new CohortCriterion { Kind = EventKind.Maternal, MaternalEntry = "delivery", Max = 2499 },
                new CohortCriterion { Kind = EventKind.Medication, Code = "6219" },
            ],
            Exclude = [new CohortCriterion { Kind = EventKind.Death, Code = "C", From = -1, To = -1 }],
            Age = new AgeRange { Max = 64 },
            Sex = Sex.U,
            Pref = ["47"],
            Outcome = new CohortCriterion { Kind = EventKind.Death, Code = "I21", From = 0 },
            GroupBy = [GroupKey.Outcome, GroupKey.Pref],
            MinCell = 15,
            Survival = new SurvivalRequest { Step = 7 },
        };

        Assert.Equal(definition, CohortRecords.Definition(CohortDefinitionJson.ToJson(definition)));
    }

    [Fact]
    public void Text_is_written_unescaped_where_JSON_allows()
    {
        var definition = new CohortDefinition { Entry = new CohortCriterion { Kind = EventKind.Medication, Code = "薬\"1" } };

        Assert.Equal("""{"entry":{"kind":"medication","code":"薬\"1"},"minCell":10}""", CohortDefinitionJson.ToJson(definition));
    }
}

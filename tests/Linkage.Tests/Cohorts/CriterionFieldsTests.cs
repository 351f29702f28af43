using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.DefinitionProblems;

namespace Linkage.Tests.Cohorts;

/// <summary>The contract's criterion table: each kind takes its own fields and refuses every other one.</summary>
public sealed class CriterionFieldsTests
{
    /// <summary>Every criterion field but the window, with a value valid for it.</summary>
    private static readonly Dictionary<string, string> Values = new()
    {
        ["code"] = "\"E11\"",
        ["procedure"] = "\"K549\"",
        ["drug"] = "\"6219\"",
        ["min"] = "8.0",
        ["max"] = "9.5",
        ["complication"] = "true",
        ["type"] = "\"sbp\"",
        ["entry"] = "\"delivery\"",
    };

    private static readonly Dictionary<string, string[]> Table = new()
    {
        ["receipt"] = ["code", "procedure", "drug"],
        ["lab"] = ["code", "min", "max"],
        ["medication"] = ["code"],
        ["surgery"] = ["code", "complication"],
        ["vital"] = ["type", "min", "max"],
        ["maternal"] = ["entry", "min", "max"],
        ["death"] = ["code"],
    };

    public static TheoryData<string, string> AllowedFields() => Pairs(kind => Table[kind]);

    public static TheoryData<string, string> RefusedFields() => Pairs(kind => Values.Keys.Except(Table[kind]));

    [Theory]
    [MemberData(nameof(AllowedFields))]
    public void A_kind_takes_each_of_its_fields_in_require_and_as_entry(string kind, string field)
    {
        var criterion = $"{{\"kind\":\"{kind}\",\"{field}\":{Values[field]}}}";

        var definition = CohortRecords.Definition($"{{\"entry\":{criterion},\"require\":[{criterion}]}}");

        Assert.Equal(definition.Entry, definition.Require[0]);
        Assert.Equal(Expected(kind, field), definition.Entry);
    }

    [Theory]
    [MemberData(nameof(RefusedFields))]
    public void A_kind_refuses_the_fields_of_other_kinds_and_lists_its_own(string kind, string field)
    {
        var criterion = $"{{\"kind\":\"{kind}\",\"{field}\":{Values[field]}}}";

        Assert.Equal(
            $"require[0].{field}: not a field of a {kind} criterion ({string.Join(", ", Table[kind])}, from, to)",
            Single(With($"\"require\":[{criterion}]")));
        Assert.Equal(
            $"entry.{field}: not a field of a {kind} criterion ({string.Join(", ", Table[kind])})",
            Single($"{{\"entry\":{criterion}}}"));
    }

    [Fact]
    public void Every_field_of_a_kind_can_be_given_at_once_with_a_window()
    {
        var definition = CohortRecords.Definition(With(
            """
            "require":[{"kind":"receipt","code":"E11","procedure":"K549","drug":"6219","from":-30,"to":30},
                       {"kind":"lab","code":"3D046","min":8.0,"max":9.5,"from":0},
                       {"kind":"surgery","code":"K549","complication":false,"to":0},
                       {"kind":"vital","type":"sbp","min":140,"max":250},
                       {"kind":"maternal","entry":"delivery","min":500,"max":2499}]
            """));

        Assert.Equal(
        [
            new CohortCriterion { Kind = EventKind.Receipt, Code = "E11", Procedure = "K549", Drug = "6219", From = -30, To = 30 },
            new CohortCriterion { Kind = EventKind.Lab, Code = "3D046", Min = 8.0, Max = 9.5, From = 0 },
            new CohortCriterion { Kind = EventKind.Surgery, Code = "K549", Complication = false, To = 0 },
            new CohortCriterion { Kind = EventKind.Vital, Type = "sbp", Min = 140, Max = 250 },
            new CohortCriterion { Kind = EventKind.Maternal, MaternalEntry = "delivery", Min = 500, Max = 2499 },
        ], definition.Require.ToArray());
    }

    [Fact]
    public void A_criterion_of_a_kind_alone_is_read()
    {
        foreach (var kind in Table.Keys)
        {
            var definition = CohortRecords.Definition($"{{\"entry\":{{\"kind\":\"{kind}\"}}}}");

            Assert.Equal(EventKinds.Name(definition.Entry.Kind), kind);
        }
    }

    private static TheoryData<string, string> Pairs(Func<string, IEnumerable<string>> fieldsOf)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Table.Keys)
        {
            foreach (var field in fieldsOf(kind)) data.Add(kind, field);
        }

        return data;
    }

    private static CohortCriterion Expected(string kind, string field)
    {
        var criterion = new CohortCriterion { Kind = Enum.Parse<EventKind>(kind, ignoreCase: true) };
        return field switch
        {
            "code" => criterion with { Code = "E11" },
            "procedure" => criterion with { Procedure = "K549" },
            "drug" => criterion with { Drug = "6219" },
            "min" => criterion with { Min = 8.0 },
            "max" => criterion with { Max = 9.5 },
            "complication" => criterion with { Complication = true },
            "type" => criterion with { Type = "sbp" },
            _ => criterion with { MaternalEntry = "delivery" },
        };
    }
}

using System.Text;
using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.DefinitionProblems;

namespace Linkage.Tests.Cohorts;

/// <summary>The definition parser: what it reads, and each way a definition is refused, field path first.</summary>
public sealed class DefinitionParserTests
{
    [Fact]
    public void Only_entry_is_required_and_the_rest_takes_its_defaults()
    {
        var definition = CohortRecords.Definition("""{"entry":{"kind":"receipt","code":"E11"}}""");

        Assert.Equal(new CohortCriterion { Kind = EventKind.Receipt, Code = "E11" }, definition.Entry);
        Assert.Null(definition.Period);
        Assert.Empty(definition.Require);
        Assert.Empty(definition.Exclude);
        Assert.Null(definition.Age);
        Assert.Null(definition.Sex);
        Assert.Empty(definition.Pref);
        Assert.Null(definition.Outcome);
        Assert.Empty(definition.GroupBy);
        Assert.Equal(10, definition.MinCell);
        Assert.Null(definition.Survival);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(5, 10)]
    [InlineData(10, 10)]
    [InlineData(20, 20)]
    public void An_absent_min_cell_is_10_or_the_floor_when_that_is_higher(int floor, int expected)
    {
        var result = CohortDefinitionParser.Parse("""{"entry":{"kind":"death"}}""", floor);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Definition.MinCell);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 25)]
    [InlineData(5, 5)]
    [InlineData(20, 20)]
    public void A_min_cell_at_or_above_the_floor_is_taken(int floor, int asked)
    {
        var result = CohortDefinitionParser.Parse(With($"\"minCell\":{asked}"), floor);

        Assert.True(result.IsValid);
        Assert.Equal(asked, result.Definition.MinCell);
    }

    [Theory]
    [InlineData(10, "5", "minCell: 5 is below this server's floor of 10")]
    [InlineData(10, "9", "minCell: 9 is below this server's floor of 10")]
    [InlineData(10, "0", "minCell: 0 is below this server's floor of 10")]
    [InlineData(10, "-3", "minCell: -3 is below this server's floor of 10")]
    [InlineData(20, "15", "minCell: 15 is below this server's floor of 20")]
    [InlineData(10, "10.5", "minCell: must be a whole number of people, not 10.5")]
    [InlineData(10, "\"10\"", "minCell: must be a whole number of people, not a string")]
    public void A_min_cell_below_the_floor_or_not_a_whole_number_is_refused(int floor, string value, string expected)
    {
        Assert.Equal(expected, Single(With($"\"minCell\":{value}"), floor));
    }

    [Fact]
    public void A_floor_below_one_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortDefinitionParser.Parse("{}", 0));
    }

    [Theory]
    [InlineData("[]", "definition: must be a JSON object, not an array")]
    [InlineData("\"entry\"", "definition: must be a JSON object, not a string")]
    [InlineData("null", "definition: must be a JSON object, not null")]
    [InlineData("{}", "entry: required")]
    [InlineData("""{"entry":null}""", "entry: required")]
    [InlineData("""{"entry":{"kind":"death"},"entry":{"kind":"lab"}}""", "entry: appears more than once")]
    [InlineData("""{"entry":{"kind":"death"},"ages":{"min":1}}""",
        "ages: not a field of a cohort definition (entry, period, require, exclude, age, sex, pref, outcome, groupBy, minCell, survival)")]
    [InlineData("""{"entry":{"kind":"death"},"a b":1}""",
        "[\"a b\"]: not a field of a cohort definition (entry, period, require, exclude, age, sex, pref, outcome, groupBy, minCell, survival)")]
    [InlineData("""{"entry":{"kind":"death"},"Entry":{"kind":"death"}}""",
        "Entry: not a field of a cohort definition (entry, period, require, exclude, age, sex, pref, outcome, groupBy, minCell, survival)")]
    public void The_top_level_must_be_an_object_of_known_fields_with_an_entry(string json, string expected)
    {
        Assert.Equal(expected, Single(json));
    }

    [Theory]
    [InlineData("""{"entry":"death"}""", "entry: must be an object, not a string")]
    [InlineData("""{"entry":{}}""", "entry.kind: required")]
    [InlineData("""{"entry":{"code":"E11"}}""", "entry.kind: required")]
    [InlineData("""{"entry":{"kind":"labs"}}""", "entry.kind: \"labs\" is not a kind (receipt, lab, medication, surgery, vital, maternal, death)")]
    [InlineData("""{"entry":{"kind":"Lab"}}""", "entry.kind: \"Lab\" is not a kind (receipt, lab, medication, surgery, vital, maternal, death)")]
    [InlineData("""{"entry":{"kind":3}}""", "entry.kind: must be a string, not a number")]
    [InlineData("""{"entry":{"kind":"lab","kind":"lab"}}""", "entry.kind: appears more than once")]
    [InlineData("""{"entry":{"kind":"lab","from":0}}""", "entry.from: not a field of the entry criterion (a window is relative to the entry date)")]
    [InlineData("""{"entry":{"kind":"lab","to":30}}""", "entry.to: not a field of the entry criterion (a window is relative to the entry date)")]
    [InlineData("""{"entry":{"kind":"lab","procedure":"K"}}""", "entry.procedure: not a field of a lab criterion (code, min, max)")]
    public void The_entry_is_a_criterion_without_a_window(string json, string expected)
    {
        Assert.Equal(expected, Single(json));
    }

    [Theory]
    [InlineData("\"require\":{}", "require: must be an array of criteria, not an object")]
    [InlineData("\"require\":[1]", "require[0]: must be an object, not a number")]
    [InlineData("\"require\":[{\"kind\":\"death\"},{}]", "require[1].kind: required")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"from\":1.5}]", "require[0].from: must be a whole number of days, not 1.5")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"to\":\"30\"}]", "require[0].to: must be a whole number of days, not a string")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"from\":1e10}]", "require[0].from: 1e10 is out of range")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"from\":10,\"to\":5}]", "require[0]: from 10 is after to 5")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"min\":9,\"max\":8.5}]", "require[0]: min 9 is above max 8.5")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"min\":\"8\"}]", "require[0].min: must be a number, not a string")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"max\":1e999}]", "require[0].max: 1e999 is not a finite number")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"code\":\"\"}]", "require[0].code: must not be empty (it would match every code)")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"code\":5}]", "require[0].code: must be a string, not a number")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"code\":\"3D\\u0001\"}]", "require[0].code: \"3D\\u0001\" contains a control character")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"code\":\"123456789012345678901234567890123\"}]",
        "require[0].code: \"123456789012345678901234567890123\" is longer than 32 characters")]
    [InlineData("\"require\":[{\"kind\":\"lab\",\"code\":\"3D\",\"code\":\"3E\"}]", "require[0].code: appears more than once")]
    [InlineData("\"require\":[{\"kind\":\"death\"},{\"kind\":\"lab\",\"procedure\":\"K\"}]",
        "require[1].procedure: not a field of a lab criterion (code, min, max, from, to)")]
    [InlineData("\"require\":[{\"kind\":\"surgery\",\"complication\":\"yes\"}]", "require[0].complication: must be true or false, not a string")]
    [InlineData("\"require\":[{\"kind\":\"vital\",\"type\":\"bp\"}]",
        "require[0].type: \"bp\" is not a vital type (sbp, dbp, hr, weight, steps, spo2, glucose)")]
    [InlineData("\"require\":[{\"kind\":\"maternal\",\"entry\":\"birth\"}]",
        "require[0].entry: \"birth\" is not a maternal entry (checkup, delivery, infant, vaccine)")]
    [InlineData("\"exclude\":[{\"kind\":\"receipt\",\"code\":\"E10\",\"from\":-1,\"to\":-365}]", "exclude[0]: from -1 is after to -365")]
    [InlineData("\"exclude\":\"E10\"", "exclude: must be an array of criteria, not a string")]
    [InlineData("\"outcome\":[]", "outcome: must be an object, not an array")]
    [InlineData("\"outcome\":{\"kind\":\"death\",\"code\":\"I\",\"dose\":1}", "outcome.dose: not a field of a death criterion (code, from, to)")]
    public void A_criterion_is_refused_field_by_field(string fields, string expected)
    {
        Assert.Equal(expected, Single(With(fields)));
    }

    [Theory]
    [InlineData("30.0", 30)]
    [InlineData("-365", -365)]
    [InlineData("3e1", 30)]
    [InlineData("0", 0)]
    public void A_window_bound_is_any_whole_number_however_written(string value, int expected)
    {
        var definition = CohortRecords.Definition(With($"\"require\":[{{\"kind\":\"lab\",\"from\":{value},\"to\":{value}}}]"));

        Assert.Equal(expected, definition.Require[0].From);
        Assert.Equal(expected, definition.Require[0].To);
    }

    [Theory]
    [InlineData("\"period\":\"2020\"", "period: must be an object, not a string")]
    [InlineData("\"period\":{\"from\":\"2020-13-01\"}", "period.from: \"2020-13-01\" is not a real date (YYYY-MM-DD)")]
    [InlineData("\"period\":{\"to\":\"2023-02-29\"}", "period.to: \"2023-02-29\" is not a real date (YYYY-MM-DD)")]
    [InlineData("\"period\":{\"from\":\"2020/01/01\"}", "period.from: \"2020/01/01\" is not a date (YYYY-MM-DD)")]
    [InlineData("\"period\":{\"from\":20200101}", "period.from: must be a string, not a number")]
    [InlineData("\"period\":{\"from\":\"2024-01-01\",\"to\":\"2023-01-01\"}", "period: from 2024-01-01 is after to 2023-01-01")]
    [InlineData("\"period\":{\"start\":\"2024-01-01\"}", "period.start: not a field of a period (from, to)")]
    [InlineData("\"period\":{\"from\":\"2024-01-01\",\"from\":\"2024-01-02\"}", "period.from: appears more than once")]
    public void A_period_is_two_real_dates_in_order(string fields, string expected)
    {
        Assert.Equal(expected, Single(With(fields)));
    }

    [Fact]
    public void A_period_of_one_day_or_with_one_end_is_read()
    {
        Assert.Equal(
            new DatePeriod { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 1, 1) },
            CohortRecords.Definition(With("\"period\":{\"from\":\"2024-01-01\",\"to\":\"2024-01-01\"}")).Period);
        Assert.Equal(new DatePeriod { To = new DateOnly(2024, 1, 1) }, CohortRecords.Definition(With("\"period\":{\"to\":\"2024-01-01\"}")).Period);
    }

    [Theory]
    [InlineData("\"age\":40", "age: must be an object, not a number")]
    [InlineData("\"age\":{\"min\":-1}", "age.min: must be at least 0, not -1")]
    [InlineData("\"age\":{\"min\":40.5}", "age.min: must be a whole number of years, not 40.5")]
    [InlineData("\"age\":{\"min\":80,\"max\":40}", "age: min 80 is above max 40")]
    [InlineData("\"age\":{\"years\":40}", "age.years: not a field of an age range (min, max)")]
    [InlineData("\"sex\":\"X\"", "sex: \"X\" is not a sex (M, F, U)")]
    [InlineData("\"sex\":\"f\"", "sex: \"f\" is not a sex (M, F, U)")]
    [InlineData("\"sex\":[\"F\"]", "sex: must be a string, not an array")]
    [InlineData("\"sex\":\"\\uD800\"", "sex: contains an unpaired surrogate escape")]
    [InlineData("\"pref\":\"13\"", "pref: must be an array of prefecture codes, not a string")]
    [InlineData("\"pref\":[]", "pref: must list at least one prefecture code (01..47)")]
    [InlineData("\"pref\":[\"13\",\"48\"]", "pref[1]: \"48\" is not a prefecture code (01..47)")]
    [InlineData("\"pref\":[\"1\"]", "pref[0]: \"1\" is not a prefecture code (01..47)")]
    [InlineData("\"pref\":[\"00\"]", "pref[0]: \"00\" is not a prefecture code (01..47)")]
    [InlineData("\"pref\":[13]", "pref[0]: must be a string, not a number")]
    public void Age_sex_and_pref_filters_are_refused_field_by_field(string fields, string expected)
    {
        Assert.Equal(expected, Single(With(fields)));
    }

    [Fact]
    public void Age_sex_and_pref_filters_are_read()
    {
        var definition = CohortRecords.Definition(With("\"age\":{\"min\":0,\"max\":0},\"sex\":\"U\",\"pref\":[\"01\",\"47\"]"));

        Assert.Equal(new AgeRange { Min = 0, Max = 0 }, definition.Age);
        Assert.Equal(Sex.U, definition.Sex);
        Assert.Equal(["01", "47"], definition.Pref.ToArray());
    }

    [Theory]
    [InlineData("\"groupBy\":\"sex\"", "groupBy: must be an array of group keys, not a string")]
    [InlineData("\"groupBy\":[\"sex\",\"age10\",\"ages\"]", "groupBy[2]: \"ages\" is not a group key (sex, age10, pref, entryYear, outcome, facility)")]
    [InlineData("\"groupBy\":[\"Sex\"]", "groupBy[0]: \"Sex\" is not a group key (sex, age10, pref, entryYear, outcome, facility)")]
    [InlineData("\"groupBy\":[\"sex\",\"pref\",\"sex\"]", "groupBy[2]: \"sex\" is already in groupBy")]
    [InlineData("\"groupBy\":[1]", "groupBy[0]: must be a string, not a number")]
    [InlineData("\"groupBy\":[\"sex\",\"outcome\"]", "groupBy[1]: \"outcome\" needs an outcome in the definition")]
    public void Group_keys_are_refused_one_by_one(string fields, string expected)
    {
        Assert.Equal(expected, Single(With(fields)));
    }

    [Fact]
    public void Every_group_key_is_read_in_the_order_given()
    {
        var definition = CohortRecords.Definition(With("\"outcome\":{\"kind\":\"death\"},\"groupBy\":[\"outcome\",\"entryYear\",\"pref\",\"age10\",\"sex\"]"));

        Assert.Equal([GroupKey.Outcome, GroupKey.EntryYear, GroupKey.Pref, GroupKey.Age10, GroupKey.Sex], definition.GroupBy.ToArray());
    }

    [Theory]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":30", "survival: must be an object, not a number")]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":{}", "survival.step: required")]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":{\"step\":0}", "survival.step: must be from 1 to 365 days, not 0")]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":{\"step\":366}", "survival.step: must be from 1 to 365 days, not 366")]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":{\"step\":7.5}", "survival.step: must be a whole number of days, not 7.5")]
    [InlineData("\"outcome\":{\"kind\":\"death\"},\"survival\":{\"step\":30,\"unit\":\"d\"}", "survival.unit: not a field of survival (step)")]
    [InlineData("\"survival\":{\"step\":30}", "survival: needs an outcome, the event it times")]
    [InlineData("\"outcome\":{\"kind\":\"death\",\"from\":-30},\"survival\":{\"step\":30}", "outcome.from: must be 0 or absent with survival, not -30")]
    [InlineData("\"outcome\":{\"kind\":\"death\",\"from\":1},\"survival\":{\"step\":30}", "outcome.from: must be 0 or absent with survival, not 1")]
    [InlineData("\"outcome\":{\"kind\":\"death\",\"to\":-5},\"survival\":{\"step\":30}", "outcome.to: must be at least 0 with survival, not -5")]
    [InlineData("\"outcome\":{\"kind\":\"death\",\"from\":0,\"to\":-5},\"survival\":{\"step\":30}", "outcome: from 0 is after to -5")]
    public void Survival_is_refused_field_by_field(string fields, string expected)
    {
        Assert.Equal(expected, Single(With(fields)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(365)]
    public void Survival_steps_from_1_to_365_days_are_read(int step)
    {
        var definition = CohortRecords.Definition(With($"\"outcome\":{{\"kind\":\"death\",\"to\":365}},\"survival\":{{\"step\":{step}}}"));

        Assert.Equal(new SurvivalRequest { Step = step }, definition.Survival);
    }

    [Fact]
    public void With_survival_an_absent_outcome_from_becomes_day_0()
    {
        var definition = CohortRecords.Definition(With("\"outcome\":{\"kind\":\"death\",\"to\":365},\"survival\":{\"step\":30}"));

        Assert.Equal(new CohortCriterion { Kind = EventKind.Death, From = 0, To = 365 }, definition.Outcome);
    }

    [Fact]
    public void Without_survival_an_outcome_window_may_start_before_entry()
    {
        var definition = CohortRecords.Definition(With("\"outcome\":{\"kind\":\"death\",\"from\":-30}"));

        Assert.Equal(new CohortCriterion { Kind = EventKind.Death, From = -30 }, definition.Outcome);
    }

    [Fact]
    public void Null_counts_as_an_absent_field()
    {
        var definition = CohortRecords.Definition(
            """{"entry":{"kind":"lab","code":null},"period":null,"require":null,"age":{"min":null},"sex":null,"minCell":null,"survival":null}""");

        Assert.Equal(new CohortCriterion { Kind = EventKind.Lab }, definition.Entry);
        Assert.Null(definition.Period);
        Assert.Equal(new AgeRange(), definition.Age);
        Assert.Equal(10, definition.MinCell);
    }

    [Fact]
    public void Every_problem_is_listed_in_one_answer()
    {
        var problems = Of("""
            {"entry":{"kind":"labs"},"period":{"from":"2024-01-01","to":"2023-01-01"},
             "require":[{"kind":"lab","from":0.5}],"groupBy":["ages"],"minCell":5,"colour":"red"}
            """);

        Assert.Equal(
        [
            "colour: not a field of a cohort definition (entry, period, require, exclude, age, sex, pref, outcome, groupBy, minCell, survival)",
            "entry.kind: \"labs\" is not a kind (receipt, lab, medication, surgery, vital, maternal, death)",
            "period: from 2024-01-01 is after to 2023-01-01",
            "require[0].from: must be a whole number of days, not 0.5",
            "groupBy[0]: \"ages\" is not a group key (sex, age10, pref, entryYear, outcome, facility)",
            "minCell: 5 is below this server's floor of 10",
        ], problems);
    }

    [Fact]
    public void A_flood_of_problems_is_cut_short_and_says_how_many_more()
    {
        var problems = Of(With("\"require\":[" + string.Join(",", Enumerable.Repeat("1", 50)) + "]"));

        Assert.Equal(CohortDefinitionParser.MaxProblems + 1, problems.Length);
        Assert.Equal("require[0]: must be an object, not a number", problems[0]);
        Assert.Equal("definition: 30 more problems not shown", problems[^1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"entry\":")]
    [InlineData("{\"entry\":{\"kind\":\"death\"}} {}")]
    [InlineData("{\"entry\":{\"kind\":\"death\"},}")]
    [InlineData("{\"entry\":{\"kind\":\"death\"} // note\n}")]
    [InlineData("{'entry':{}}")]
    public void Malformed_JSON_is_refused_with_where_the_reader_stopped(string json)
    {
        var problem = Single(json);

        Assert.StartsWith("malformed JSON: ", problem);
        Assert.Contains("(line ", problem);
    }

    [Fact]
    public void A_malformed_definition_names_the_line_it_breaks_on()
    {
        Assert.EndsWith("(line 3, byte 0)", Single("{\"entry\":{\"kind\":\"death\"},\n\"minCell\":10,\n}"));
    }

    [Fact]
    public void Nesting_deeper_than_any_definition_is_refused()
    {
        var problem = Single(With("\"require\":" + new string('[', 20) + new string(']', 20)));

        Assert.StartsWith("malformed JSON: ", problem);
        Assert.Contains("depth", problem);
    }

    [Fact]
    public void Invalid_UTF8_is_refused_with_its_byte()
    {
        var bytes = Encoding.UTF8.GetBytes(With("\"sex\":\"F\""));
        bytes[^3] = 0xFF;

        var result = CohortDefinitionParser.Parse(bytes, CohortRecords.Floor);

        Assert.Equal([$"malformed JSON: invalid UTF-8 at byte {bytes.Length - 3}"], result.Problems.ToArray());
    }

    [Fact]
    public void A_field_name_with_an_unpaired_surrogate_escape_is_refused()
    {
        Assert.StartsWith("malformed JSON: ", Single("{\"entry\":{\"kind\":\"death\"},\"\\uD800\":1}"));
    }

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_refused()
    {
        Assert.Equal("malformed JSON: unpaired surrogate at character 9", Single("{\"entry\":\uD800}"));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(With("\"sex\":\"F\""))).ToArray();

        Assert.True(CohortDefinitionParser.Parse(bytes, CohortRecords.Floor).IsValid);
    }

    [Fact]
    public void A_definition_longer_than_the_limit_is_refused_unread()
    {
        var json = With("\"pref\":[\"13\"" + string.Concat(Enumerable.Repeat(",\"13\"", CohortDefinitionParser.MaxBytes / 5)) + "]");

        Assert.Equal($"definition: longer than {CohortDefinitionParser.MaxBytes} bytes", Single(json));
    }

    [Fact]
    public async Task A_definition_is_read_from_a_stream_that_arrives_in_pieces()
    {
        var bytes = Encoding.UTF8.GetBytes(CohortDefinitionExample.Json);

        var result = await CohortDefinitionParser.ParseAsync(new Feeds.TrickleStream(bytes, chunk: 7), CohortRecords.Floor);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(CohortDefinitionExample.Expected, result.Definition);
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_is_refused_without_reading_it_all()
    {
        var bytes = new byte[CohortDefinitionParser.MaxBytes * 4];
        bytes.AsSpan().Fill((byte)' ');

        using var stream = new MemoryStream(bytes);
        var result = await CohortDefinitionParser.ParseAsync(stream, CohortRecords.Floor);

        Assert.Equal([$"definition: longer than {CohortDefinitionParser.MaxBytes} bytes"], result.Problems.ToArray());
        Assert.True(stream.Position < bytes.Length, $"expected the parser to stop reading early, it read {stream.Position} bytes");
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The envelope rules of events-v1: JSON shape, source, recordId, version, kind, date, retracted, data.</summary>
public sealed class FeedLineParserTests
{
    [Fact]
    public void The_contract_example_parses_into_the_event_it_describes()
    {
        var line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "feeds", "contract-example.ndjson")).Single();

        var e = Accepted(line);

        Assert.Equal("kyoto-univ-lab", e.Source);
        Assert.Equal("L-2024-000017", e.RecordId);
        Assert.Equal(1, e.Version);
        Assert.Equal(EventKind.Lab, e.Kind);
        Assert.Equal(new DateOnly(2024, 4, 15), e.Date);
        Assert.False(e.Retracted);
        Assert.Equal(
            new Subject { Mid = "mid.MZRYFSAvtkSoMYHjMvb1IQ", Id2 = "id2.Q3YNYmq9dWQhgNdq6Tx_4Q", Birth = "1950-03", Sex = Sex.F, Pref = "26" },
            e.Subject);
        Assert.Equal(new LabData { Code = "3D046000001920402", Value = 8.1, Unit = "%" }, e.Data);
    }

    [Fact]
    public void Bytes_and_text_of_the_same_line_parse_alike()
    {
        var line = Line("receipt", e => e["recordId"] = "領収-１");

        var fromBytes = FeedLineParser.Parse(Encoding.UTF8.GetBytes(line), 3);
        var fromText = FeedLineParser.Parse(line, 3);

        Assert.True(fromBytes.IsAccepted, fromBytes.Rejection?.Reason);
        Assert.Equal(fromBytes.Event, fromText.Event);
        Assert.Equal("領収-１", fromText.Event!.RecordId);
    }

    [Theory]
    [InlineData("{\"source\":\"a\"", "malformed JSON: ")]
    [InlineData("{\"source\" \"a\"}", "malformed JSON: ")]
    [InlineData("{'source':'a'}", "malformed JSON: ")]
    [InlineData("{\"source\":\"a\",}", "malformed JSON: ")]
    [InlineData("{\"source\":\"a\" /* comment */}", "malformed JSON: ")]
    [InlineData("not json", "malformed JSON: ")]
    [InlineData("[1,2]", "malformed JSON: a line must be an object, not an array")]
    [InlineData("\"text\"", "malformed JSON: a line must be an object, not a string")]
    [InlineData("42", "malformed JSON: a line must be an object, not a number")]
    [InlineData("null", "malformed JSON: a line must be an object, not null")]
    [InlineData("   ", "malformed JSON: empty line")]
    [InlineData("", "malformed JSON: empty line")]
    public void Malformed_or_non_object_json_is_rejected_as_malformed(string line, string reasonStart)
    {
        Assert.StartsWith(reasonStart, Rejected(line));
    }

    [Fact]
    public void Malformed_json_reason_says_where_the_reader_stopped()
    {
        Assert.Equal("malformed JSON: '}' is invalid after a property name. Expected a ':' (at byte 9)", Rejected("{\"source\"}"));
    }

    [Fact]
    public void Trailing_garbage_after_the_object_is_malformed()
    {
        var line = Line(Event()) + " x";

        Assert.StartsWith("malformed JSON: ", Rejected(line));
    }

    [Fact]
    public void A_second_object_on_the_same_line_is_malformed()
    {
        var line = Line(Event()) + Line(Event());

        Assert.StartsWith("malformed JSON: ", Rejected(line));
    }

    [Fact]
    public void Trailing_white_space_after_the_object_is_allowed()
    {
        Accepted(Line(Event()) + " \t");
    }

    [Fact]
    public void A_line_that_breaks_a_field_rule_and_is_malformed_later_is_reported_as_malformed()
    {
        var line = Line("lab", e => e["source"] = "Kyoto");

        Assert.StartsWith("malformed JSON: ", Rejected(line[..^1]));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_as_malformed_with_its_position()
    {
        var bytes = Encoding.UTF8.GetBytes(Line("lab", e => e["recordId"] = "R-Xy"));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xFF;

        Assert.Equal($"malformed JSON: invalid UTF-8 at byte {at}", Rejected(bytes));
    }

    [Fact]
    public void Invalid_utf8_in_an_unknown_field_is_still_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(Line("lab", e => e["note"] = "ab"));
        var at = bytes.AsSpan().IndexOf("\"note\":\"a"u8) + 8;
        bytes[at] = 0xC3;

        Assert.Equal($"malformed JSON: invalid UTF-8 at byte {at}", Rejected(bytes));
    }

    [Fact]
    public void An_unpaired_surrogate_in_text_is_rejected_as_malformed()
    {
        var line = Line("lab", e => e["recordId"] = "R-X").Replace("R-X", "R-\ud800", StringComparison.Ordinal);

        Assert.StartsWith("malformed JSON: unpaired surrogate", Rejected(line));
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_rejected_naming_the_field()
    {
        var line = Line("lab", e => e["recordId"] = "R-X").Replace("R-X", "R-\\ud800", StringComparison.Ordinal);

        Assert.Equal("recordId: contains an unpaired surrogate escape", Rejected(line));
    }

    [Fact]
    public void Escaped_strings_and_names_are_unescaped()
    {
        var line = Line(Event()).Replace("\"source\":\"kyoto-univ-lab\"", "\"\\u0073ource\":\"kyoto\\u002Duniv-lab\"", StringComparison.Ordinal)
            .Replace("\"recordId\":\"R-1\"", "\"recordId\":\"\\u30b5\\u30c8\\u30a6 \\\"1\\\"\"", StringComparison.Ordinal);

        var e = Accepted(line);

        Assert.Equal("kyoto-univ-lab", e.Source);
        Assert.Equal("サトウ \"1\"", e.RecordId);
    }

    [Fact]
    public void Kana_and_kanji_written_as_utf8_are_kept()
    {
        Assert.Equal("さとう-病院-𠮷", Accepted(Line("lab", e => e["recordId"] = "さとう-病院-𠮷")).RecordId);
    }

    [Fact]
    public void Unknown_fields_anywhere_are_ignored()
    {
        var line = Line("maternal", e =>
        {
            e["comment"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null, new JsonObject()) };
            e["subject"]!["insurer"] = "x";
            e["data"]!["future"] = new JsonArray();
            e["data"]!["child"] = new JsonObject { ["id2"] = Id2, ["birth"] = "2024-04", ["sex"] = "U", ["weight"] = 3000 };
        });

        var e = Accepted(line);

        Assert.Equal(new MaternalData { Entry = "checkup", Child = new Subject { Id2 = Id2, Birth = "2024-04", Sex = Sex.U } }, e.Data);
    }

    [Fact]
    public void Field_order_does_not_matter_even_with_data_before_kind()
    {
        var line = "{\"data\":{\"underlying\":\"I21.9\"},\"subject\":{\"sex\":\"M\",\"birth\":\"1940-01\",\"id1\":\"" + Id1
            + "\"},\"date\":\"2024-01-02\",\"kind\":\"death\",\"version\":2,\"recordId\":\"D1\",\"source\":\"city-death\"}";

        var e = Accepted(line);

        Assert.Equal(EventKind.Death, e.Kind);
        Assert.Equal(new DeathData { Underlying = "I21.9" }, e.Data);
    }

    [Theory]
    [InlineData("source")]
    [InlineData("recordId")]
    [InlineData("version")]
    [InlineData("kind")]
    [InlineData("date")]
    [InlineData("subject")]
    [InlineData("data")]
    public void A_missing_required_field_is_rejected_naming_it(string field)
    {
        Assert.Equal($"{field}: required", Rejected(Line("lab", e => e.Remove(field))));
    }

    [Theory]
    [InlineData("source")]
    [InlineData("date")]
    [InlineData("subject")]
    public void A_null_required_field_counts_as_missing(string field)
    {
        Assert.Equal($"{field}: required", Rejected(Line("lab", e => e[field] = null)));
    }

    [Fact]
    public void A_null_optional_field_counts_as_absent()
    {
        var e = Accepted(Line("lab", e =>
        {
            e["retracted"] = null;
            e["subject"]!["pref"] = null;
            e["data"]!["unit"] = null;
        }));

        Assert.False(e.Retracted);
        Assert.Null(e.Subject.Pref);
        Assert.Null(((LabData)e.Data!).Unit);
    }

    [Fact]
    public void A_field_given_twice_is_rejected_naming_it()
    {
        var line = Line(Event()).Replace("\"version\":1", "\"version\":1,\"version\":2", StringComparison.Ordinal);

        Assert.Equal("version: appears more than once", Rejected(line));
    }

    [Fact]
    public void A_nested_field_given_twice_is_rejected_naming_it()
    {
        var subject = Line("lab", e => e["subject"]!["sex"] = "F").Replace("\"sex\":\"F\"", "\"sex\":\"F\",\"sex\":\"M\"", StringComparison.Ordinal);
        var data = Line("lab", _ => { }).Replace("\"value\":8.1", "\"value\":8.1,\"value\":9", StringComparison.Ordinal);

        Assert.Equal("subject.sex: appears more than once", Rejected(subject));
        Assert.Equal("data.value: appears more than once", Rejected(data));
    }

    [Fact]
    public void An_unknown_field_given_twice_is_ignored_like_any_unknown_field()
    {
        var line = Line(Event()).Replace("\"version\":1", "\"version\":1,\"note\":1,\"note\":2", StringComparison.Ordinal);

        Accepted(line);
    }

    [Fact]
    public void A_field_of_the_wrong_json_type_is_rejected_naming_it_and_the_type()
    {
        Assert.Equal("source: must be a string", Rejected(Line("lab", e => e["source"] = 12)));
        Assert.Equal("recordId: must be a string", Rejected(Line("lab", e => e["recordId"] = new JsonArray())));
        Assert.Equal("kind: must be a string", Rejected(Line("lab", e => e["kind"] = true)));
        Assert.Equal("date: must be a string", Rejected(Line("lab", e => e["date"] = 20240415)));
        Assert.Equal("retracted: must be a boolean", Rejected(Line("lab", e => e["retracted"] = "true")));
        Assert.Equal("subject: must be an object", Rejected(Line("lab", e => e["subject"] = Mid)));
        Assert.Equal("data: must be an object", Rejected(Line("lab", e => e["data"] = new JsonArray())));
    }

    [Theory]
    [InlineData("kyoto-univ-lab")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("feed-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01")]
    public void A_source_of_lowercase_letters_digits_and_hyphens_is_accepted(string source)
    {
        Assert.Equal(source, Accepted(Line("lab", e => e["source"] = source)).Source);
    }

    [Theory]
    [InlineData("Kyoto")]
    [InlineData("")]
    [InlineData("-kyoto")]
    [InlineData("kyoto_univ")]
    [InlineData("kyoto univ")]
    [InlineData("京都")]
    public void A_bad_source_is_rejected_naming_the_pattern(string source)
    {
        Assert.Equal($"source: \"{source}\" must match [a-z0-9][a-z0-9-]{{0,63}}", Rejected(Line("lab", e => e["source"] = source)));
    }

    [Fact]
    public void A_source_over_64_characters_is_rejected()
    {
        var source = "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012";

        Assert.Equal(
            "source: \"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwx…\" must match [a-z0-9][a-z0-9-]{0,63}",
            Rejected(Line("lab", e => e["source"] = source)));
    }

    [Fact]
    public void Bad_source_reason_matches_the_documented_example()
    {
        Assert.Equal("source: \"Kyoto\" must match [a-z0-9][a-z0-9-]{0,63}", Rejected(Line("lab", e => e["source"] = "Kyoto")));
    }

    [Fact]
    public void A_record_id_of_128_printable_characters_is_accepted()
    {
        var recordId = "R-" + new string('あ', 121) + "-𠮷𠮷𠮷-";
        Assert.Equal(128, recordId.EnumerateRunes().Count());

        Assert.Equal(recordId, Accepted(Line("lab", e => e["recordId"] = recordId)).RecordId);
    }

    [Fact]
    public void A_record_id_over_128_characters_is_rejected()
    {
        var reason = Rejected(Line("lab", e => e["recordId"] = new string('r', 129)));

        Assert.StartsWith("recordId: \"rrrr", reason);
        Assert.EndsWith("…\" is longer than 128 characters", reason);
    }

    [Fact]
    public void An_empty_record_id_is_rejected()
    {
        Assert.Equal("recordId: must not be empty", Rejected(Line("lab", e => e["recordId"] = "")));
    }

    [Theory]
    [InlineData("R\u0001", "\"R\\u0001\"")]
    [InlineData("R\t1", "\"R\\u0009\"")]
    [InlineData("R\u007f", "\"R\\u007f\"")]
    [InlineData("R\u0085", "\"R\\u0085\"")]
    public void A_record_id_with_a_control_character_is_rejected_showing_it_escaped(string recordId, string echoed)
    {
        var reason = Rejected(Line("lab", e => e["recordId"] = recordId));

        Assert.StartsWith("recordId: ", reason);
        Assert.EndsWith(" contains a control character", reason);
        Assert.Contains(echoed[..^1], reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void A_positive_integer_version_is_accepted(int version)
    {
        Assert.Equal(version, Accepted(Line("lab", e => e["version"] = version)).Version);
    }

    [Theory]
    [InlineData("0", "version: must be at least 1, not 0")]
    [InlineData("-3", "version: must be at least 1, not -3")]
    [InlineData("1.5", "version: must be an integer, not 1.5")]
    [InlineData("1.0", "version: must be an integer, not 1.0")]
    [InlineData("1e2", "version: must be an integer, not 1e2")]
    [InlineData("2147483648", "version: must be at most 2147483647, not 2147483648")]
    [InlineData("99999999999999999999999", "version: must be at most 2147483647, not 99999999999999999999999")]
    [InlineData("\"1\"", "version: must be a number")]
    public void A_version_that_is_not_an_integer_of_at_least_one_is_rejected(string version, string reason)
    {
        var line = Line(Event()).Replace("\"version\":1", "\"version\":" + version, StringComparison.Ordinal);

        Assert.Equal(reason, Rejected(line));
    }

    [Theory]
    [InlineData("receipt", EventKind.Receipt)]
    [InlineData("lab", EventKind.Lab)]
    [InlineData("medication", EventKind.Medication)]
    [InlineData("surgery", EventKind.Surgery)]
    [InlineData("vital", EventKind.Vital)]
    [InlineData("maternal", EventKind.Maternal)]
    [InlineData("death", EventKind.Death)]
    public void Each_of_the_seven_kinds_is_accepted(string kind, EventKind expected)
    {
        Assert.Equal(expected, Accepted(Line(Event(kind))).Kind);
    }

    [Theory]
    [InlineData("xray")]
    [InlineData("Lab")]
    [InlineData("")]
    public void An_unknown_kind_is_rejected_listing_the_kinds(string kind)
    {
        Assert.Equal(
            $"kind: \"{kind}\" is not one of receipt, lab, medication, surgery, vital, maternal, death",
            Rejected(Line("lab", e => e["kind"] = kind)));
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-12-31")]
    [InlineData("1900-01-01")]
    public void A_real_calendar_date_is_accepted(string date)
    {
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd"), Accepted(Line("lab", e => e["date"] = date)).Date);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-30")]
    [InlineData("2024-04-31")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("0000-01-01")]
    public void Impossible_date_is_rejected_naming_the_date_field(string date)
    {
        Assert.Equal($"date: \"{date}\" is not a real date (YYYY-MM-DD)", Rejected(Line("lab", e => e["date"] = date)));
    }

    [Theory]
    [InlineData("2024/04/15")]
    [InlineData("2024-4-15")]
    [InlineData("20240415")]
    [InlineData("2024-04-15T00:00:00")]
    [InlineData("１２３４-０４-１５")]
    [InlineData("")]
    public void A_date_not_written_as_yyyy_mm_dd_is_rejected(string date)
    {
        Assert.Equal($"date: \"{date}\" is not a date (YYYY-MM-DD)", Rejected(Line("lab", e => e["date"] = date)));
    }

    [Fact]
    public void A_retraction_without_data_is_accepted()
    {
        var e = Accepted(Line("receipt", e =>
        {
            e["version"] = 2;
            e["retracted"] = true;
            e.Remove("data");
        }));

        Assert.True(e.Retracted);
        Assert.Null(e.Data);
    }

    [Fact]
    public void A_retraction_with_data_still_has_its_data_checked()
    {
        var line = Line("receipt", e =>
        {
            e["retracted"] = true;
            e["data"]!["setting"] = "ward";
        });

        Assert.StartsWith("data.setting: ", Rejected(line));
    }

    [Fact]
    public void A_retraction_keeps_the_data_it_gives()
    {
        var e = Accepted(Line("surgery", e => e["retracted"] = true));

        Assert.True(e.Retracted);
        Assert.Equal(new SurgeryData { Code = "K5493" }, e.Data);
    }

    [Fact]
    public void A_record_that_is_not_retracted_needs_data()
    {
        Assert.Equal("data: required", Rejected(Line("lab", e =>
        {
            e["retracted"] = false;
            e.Remove("data");
        })));
    }

    [Fact]
    public void A_bad_value_is_echoed_at_most_sixty_characters()
    {
        var kind = new string('x', 500);

        var reason = Rejected(Line("lab", e => e["kind"] = kind));

        Assert.StartsWith($"kind: \"{new string('x', 60)}…\" is not one of", reason);
    }

    [Fact]
    public void Every_line_number_given_comes_back_in_the_result()
    {
        Assert.Equal(12345, FeedLineParser.Parse(Line(Event()), 12345).Line);
        Assert.Equal(12345, FeedLineParser.Parse("{", 12345).Rejection!.Line);
    }
}

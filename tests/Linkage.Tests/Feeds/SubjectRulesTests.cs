using System.Text.Json.Nodes;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The subject rules of events-v1: tokens in their own fields, birth month, sex, prefecture.</summary>
public sealed class SubjectRulesTests
{
    [Theory]
    [InlineData("mid", Mid)]
    [InlineData("id1", Id1)]
    [InlineData("id2", Id2)]
    public void Any_one_token_alone_is_enough(string field, string token)
    {
        var subject = Accepted(SubjectLine(s =>
        {
            s.Remove("mid");
            s[field] = token;
        })).Subject;

        Assert.Equal([token], subject.Tokens());
    }

    [Fact]
    public void All_three_tokens_are_kept_in_their_fields()
    {
        var subject = Accepted(SubjectLine(s =>
        {
            s["id1"] = Id1;
            s["id2"] = Id2;
            s["pref"] = "13";
        })).Subject;

        Assert.Equal(new Subject { Mid = Mid, Id1 = Id1, Id2 = Id2, Birth = "1950-03", Sex = Sex.F, Pref = "13" }, subject);
    }

    [Fact]
    public void A_line_without_tokens_is_rejected()
    {
        Assert.Equal("subject: needs at least one token (mid, id1 or id2)", Rejected(SubjectLine(s => s.Remove("mid"))));
    }

    [Fact]
    public void Null_tokens_do_not_count_as_tokens()
    {
        Assert.Equal("subject: needs at least one token (mid, id1 or id2)", Rejected(SubjectLine(s =>
        {
            s["mid"] = null;
            s["id1"] = null;
        })));
    }

    [Theory]
    [InlineData("id2", Id1, "subject.id2: \"" + Id1 + "\" is not an id2 token (id2. + 22 base64url characters)")]
    [InlineData("mid", Id2, "subject.mid: \"" + Id2 + "\" is not a mid token (mid. + 22 base64url characters)")]
    [InlineData("id1", Mid, "subject.id1: \"" + Mid + "\" is not an id1 token (id1. + 22 base64url characters)")]
    public void A_token_in_the_wrong_field_is_rejected_naming_the_field(string field, string token, string reason)
    {
        Assert.Equal(reason, Rejected(SubjectLine(s => s[field] = token)));
    }

    [Theory]
    [InlineData("mid", "ＭＩＤ 0001-2345-6789")]
    [InlineData("id1", "06139999:１２３:４５６７:01")]
    [InlineData("id2", "サトウ ハナコ")]
    public void A_raw_identifier_in_a_token_field_is_rejected_without_being_echoed(string field, string raw)
    {
        var reason = Rejected(SubjectLine(s => s[field] = raw));

        Assert.StartsWith($"subject.{field}: the value (not shown", reason);
        Assert.DoesNotContain(raw, reason);
        Assert.Contains($"is not {(field == "mid" ? "a" : "an")} {field} token", reason);
    }

    [Fact]
    public void A_token_in_the_wrong_field_matches_the_documented_example()
    {
        Assert.Equal(
            "subject.id2: \"id1.xxx\" is not an id2 token (id2. + 22 base64url characters)",
            Rejected(SubjectLine(s => s["id2"] = "id1.xxx")));
    }

    [Theory]
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1I")] // 21 characters
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1IQQ")] // 23 characters
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1I+")] // base64, not base64url
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1IR")] // last character carries bits beyond 16 bytes
    [InlineData("MID.MZRYFSAvtkSoMYHjMvb1IQ")]
    [InlineData("mid:MZRYFSAvtkSoMYHjMvb1IQ")]
    [InlineData("0001-2345-6789")] // a raw identifier
    [InlineData("")]
    public void A_malformed_token_is_rejected(string token)
    {
        Assert.StartsWith("subject.mid: ", Rejected(SubjectLine(s => s["mid"] = token)));
    }

    [Fact]
    public void A_token_that_is_not_a_string_is_rejected()
    {
        Assert.Equal("subject.id1: must be a string", Rejected(SubjectLine(s => s["id1"] = 123)));
    }

    [Theory]
    [InlineData("1850-01")]
    [InlineData("2100-12")]
    [InlineData("1950-03")]
    public void A_birth_month_in_range_is_accepted(string birth)
    {
        Assert.Equal(birth, Accepted(SubjectLine(s => s["birth"] = birth)).Subject.Birth);
    }

    [Theory]
    [InlineData("1950", "subject.birth: \"1950\" is not a year and month (YYYY-MM)")]
    [InlineData("1950-3", "subject.birth: \"1950-3\" is not a year and month (YYYY-MM)")]
    [InlineData("1950-03-14", "subject.birth: \"1950-03-14\" is not a year and month (YYYY-MM)")]
    [InlineData("1950/03", "subject.birth: \"1950/03\" is not a year and month (YYYY-MM)")]
    [InlineData("1950-13", "subject.birth: \"1950-13\" has no month 01..12 (YYYY-MM)")]
    [InlineData("1950-00", "subject.birth: \"1950-00\" has no month 01..12 (YYYY-MM)")]
    [InlineData("1849-12", "subject.birth: \"1849-12\" has an implausible year (1850..2100)")]
    [InlineData("2101-01", "subject.birth: \"2101-01\" has an implausible year (1850..2100)")]
    public void A_bad_birth_month_is_rejected(string birth, string reason)
    {
        Assert.Equal(reason, Rejected(SubjectLine(s => s["birth"] = birth)));
    }

    [Theory]
    [InlineData("birth")]
    [InlineData("sex")]
    public void Birth_and_sex_are_required(string field)
    {
        Assert.Equal($"subject.{field}: required", Rejected(SubjectLine(s => s.Remove(field))));
    }

    [Theory]
    [InlineData("M", Sex.M)]
    [InlineData("F", Sex.F)]
    [InlineData("U", Sex.U)]
    public void Sex_is_m_f_or_u(string sex, Sex expected)
    {
        Assert.Equal(expected, Accepted(SubjectLine(s => s["sex"] = sex)).Subject.Sex);
    }

    [Theory]
    [InlineData("f")]
    [InlineData("1")]
    [InlineData("X")]
    public void Any_other_sex_is_rejected(string sex)
    {
        Assert.Equal($"subject.sex: \"{sex}\" is not one of M, F, U", Rejected(SubjectLine(s => s["sex"] = sex)));
    }

    [Fact]
    public void A_numeric_sex_code_is_rejected_as_the_wrong_type()
    {
        Assert.Equal("subject.sex: must be a string", Rejected(SubjectLine(s => s["sex"] = 2)));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("26")]
    [InlineData("47")]
    public void A_prefecture_code_01_to_47_is_accepted(string pref)
    {
        Assert.Equal(pref, Accepted(SubjectLine(s => s["pref"] = pref)).Subject.Pref);
    }

    [Theory]
    [InlineData("48")]
    [InlineData("00")]
    [InlineData("1")]
    [InlineData("001")]
    [InlineData("Kyoto")]
    public void Any_other_prefecture_code_is_rejected(string pref)
    {
        Assert.Equal($"subject.pref: \"{pref}\" is not a prefecture code (01..47)", Rejected(SubjectLine(s => s["pref"] = pref)));
    }

    [Fact]
    public void A_numeric_prefecture_code_is_rejected_as_the_wrong_type()
    {
        Assert.Equal("subject.pref: must be a string", Rejected(SubjectLine(s => s["pref"] = 26)));
    }

    [Fact]
    public void A_subject_with_only_unknown_fields_needs_tokens()
    {
        Assert.Equal(
            "subject: needs at least one token (mid, id1 or id2)",
            Rejected(Line("lab", e => e["subject"] = new JsonObject { ["name"] = "さとう はなこ" })));
    }
}

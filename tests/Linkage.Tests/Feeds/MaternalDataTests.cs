using System.Text.Json.Nodes;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a maternal-child handbook entry: entry, weeks, birth weight, vaccine, child.</summary>
public sealed class MaternalDataTests
{
    [Fact]
    public void A_delivery_is_read_field_by_field()
    {
        var data = Accepted(DataLine("maternal", d =>
        {
            d["entry"] = "delivery";
            d["gestWeeks"] = 39;
            d["birthWeight"] = 3120;
            d["child"] = new JsonObject { ["mid"] = Mid, ["id2"] = Id2, ["birth"] = "2024-04", ["sex"] = "M", ["pref"] = "26" };
        })).Data;

        Assert.Equal(
            new MaternalData
            {
                Entry = "delivery",
                GestWeeks = 39,
                BirthWeight = 3120,
                Child = new Subject { Mid = Mid, Id2 = Id2, Birth = "2024-04", Sex = Sex.M, Pref = "26" },
            },
            data);
    }

    [Fact]
    public void A_vaccine_entry_keeps_its_vaccine_code()
    {
        var data = Accepted(DataLine("maternal", d =>
        {
            d["entry"] = "vaccine";
            d["vaccine"] = "MR-1";
        })).Data;

        Assert.Equal(new MaternalData { Entry = "vaccine", Vaccine = "MR-1" }, data);
    }

    [Fact]
    public void Entry_is_required_for_a_maternal_record()
    {
        Assert.Equal("data.entry: required for kind maternal", Rejected(DataLine("maternal", d => d.Remove("entry"))));
    }

    [Theory]
    [InlineData("checkup")]
    [InlineData("delivery")]
    [InlineData("infant")]
    [InlineData("vaccine")]
    public void Each_entry_is_accepted(string entry)
    {
        Assert.Equal(entry, ((MaternalData)Accepted(DataLine("maternal", d => d["entry"] = entry)).Data!).Entry);
    }

    [Fact]
    public void An_unknown_entry_is_rejected_listing_the_entries()
    {
        Assert.Equal(
            "data.entry: \"birth\" is not one of checkup, delivery, infant, vaccine",
            Rejected(DataLine("maternal", d => d["entry"] = "birth")));
    }

    [Theory]
    [InlineData("gestWeeks", 0)]
    [InlineData("gestWeeks", 45)]
    [InlineData("birthWeight", 1)]
    [InlineData("birthWeight", 10000)]
    public void Weeks_and_birth_weight_at_their_limits_are_accepted(string field, int value)
    {
        Accepted(DataLine("maternal", d => d[field] = value));
    }

    [Theory]
    [InlineData("gestWeeks", -1, "data.gestWeeks: must be at least 0, not -1")]
    [InlineData("gestWeeks", 46, "data.gestWeeks: must be at most 45, not 46")]
    [InlineData("birthWeight", 0, "data.birthWeight: must be at least 1, not 0")]
    [InlineData("birthWeight", 10001, "data.birthWeight: must be at most 10000, not 10001")]
    public void Weeks_and_birth_weight_beyond_their_limits_are_rejected(string field, int value, string reason)
    {
        Assert.Equal(reason, Rejected(DataLine("maternal", d => d[field] = value)));
    }

    [Fact]
    public void An_empty_vaccine_code_is_rejected()
    {
        Assert.Equal("data.vaccine: must not be empty", Rejected(DataLine("maternal", d => d["vaccine"] = "")));
    }

    [Fact]
    public void A_child_is_checked_like_a_subject_naming_the_child_fields()
    {
        JsonObject Child() => new() { ["id2"] = Id2, ["birth"] = "2024-04", ["sex"] = "M" };

        Assert.Equal("data.child.birth: required", Rejected(DataLine("maternal", d => d["child"] = Without(Child(), "birth"))));
        Assert.Equal("data.child.sex: required", Rejected(DataLine("maternal", d => d["child"] = Without(Child(), "sex"))));
        Assert.Equal(
            "data.child: needs at least one token (mid, id1 or id2)",
            Rejected(DataLine("maternal", d => d["child"] = Without(Child(), "id2"))));
        Assert.Equal(
            "data.child.id2: \"" + Mid + "\" is not an id2 token (id2. + 22 base64url characters)",
            Rejected(DataLine("maternal", d => d["child"] = With(Child(), "id2", Mid))));
        Assert.Equal(
            "data.child.birth: \"2024\" is not a year and month (YYYY-MM)",
            Rejected(DataLine("maternal", d => d["child"] = With(Child(), "birth", "2024"))));
        Assert.Equal(
            "data.child.pref: \"48\" is not a prefecture code (01..47)",
            Rejected(DataLine("maternal", d => d["child"] = With(Child(), "pref", "48"))));
        Assert.Equal("data.child: must be an object", Rejected(DataLine("maternal", d => d["child"] = Id2)));
    }

    private static JsonObject Without(JsonObject o, string field)
    {
        o.Remove(field);
        return o;
    }

    private static JsonObject With(JsonObject o, string field, string value)
    {
        o[field] = value;
        return o;
    }
}

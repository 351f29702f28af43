using Linkage.Client.Ingestion;

namespace Linkage.Tests.Ingestion;

/// <summary>RFC 4180 quoting of the rejects file's reasons.</summary>
public sealed class RejectsFileTests
{
    [Theory]
    [InlineData("date: not a date", "date: not a date")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("カナ名が不正", "カナ名が不正")]
    public void A_reason_is_quoted_only_when_it_must_be(string reason, string field)
    {
        Assert.Equal(field, RejectsFile.Quote(reason));
    }
}

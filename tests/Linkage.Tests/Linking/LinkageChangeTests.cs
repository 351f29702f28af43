using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Tests.Linking;

/// <summary>History entries compare by value, so one handed over twice is kept once.</summary>
public sealed class LinkageChangeTests
{
    [Fact]
    public void Changes_with_equal_content_are_equal_even_when_built_apart()
    {
        LinkageChange Build() => new()
        {
            At = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            Kind = LinkageChangeKind.Merge,
            Before = ["p.a", "p.b"],
            After = ["p.a"],
            Cause = [new RecordKey("s", "r")],
        };

        Assert.Equal(Build(), Build());
        Assert.Single(new[] { Build(), Build() }.Distinct());
        Assert.NotEqual(Build(), Build() with { After = ["p.b"] });
    }
}

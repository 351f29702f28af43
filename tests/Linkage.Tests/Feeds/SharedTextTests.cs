using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>Recurring short values (sources, birth months, codes) are one string instance across parsed lines, and still exactly the text sent.</summary>
public sealed class SharedTextTests
{
    [Fact]
    public void Two_lines_of_one_source_share_its_source_birth_and_code_strings()
    {
        var a = Parse("""{"source":"clinic-a","recordId":"r1","version":1,"kind":"lab","date":"2024-04-01","subject":{"mid":"MID","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":8.1,"unit":"%"}}""");
        var b = Parse("""{"source":"clinic-a","recordId":"r2","version":1,"kind":"lab","date":"2024-04-02","subject":{"mid":"MID","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":7.9,"unit":"%"}}""");

        Assert.Same(a.Source, b.Source);
        Assert.Same(a.Subject.Birth, b.Subject.Birth);
        Assert.Same(((LabData)a.Data!).Code, ((LabData)b.Data!).Code);
        Assert.Same(((LabData)a.Data!).Unit, ((LabData)b.Data!).Unit);
        Assert.NotSame(a.RecordId, b.RecordId);
    }

    [Fact]
    public void Shared_values_keep_their_exact_text_when_escaped_or_not_ascii()
    {
        var plain = Parse("""{"source":"clinic-a","recordId":"r1","version":1,"kind":"lab","date":"2024-04-01","subject":{"mid":"MID","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":1,"unit":"μg/ｄL"}}""");
        var escaped = Parse("""{"source":"clinic\u002da","recordId":"r2","version":1,"kind":"lab","date":"2024-04-01","subject":{"mid":"MID","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":1,"unit":"\u03bcg/ｄL"}}""");
        var other = Parse("""{"source":"clinic-b","recordId":"r3","version":1,"kind":"lab","date":"2024-04-01","subject":{"mid":"MID","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":1,"unit":"μg/dL"}}""");

        Assert.Equal("clinic-a", escaped.Source);
        Assert.Equal("μg/ｄL", ((LabData)plain.Data!).Unit);
        Assert.Equal("μg/ｄL", ((LabData)escaped.Data!).Unit);
        Assert.Equal("clinic-b", other.Source);
        Assert.Equal("μg/dL", ((LabData)other.Data!).Unit);
    }

    private static FeedEvent Parse(string line)
    {
        var result = FeedLineParser.Parse(line.Replace("\"MID\"", $"\"{Mid}\""), 1);
        return result.Event ?? throw new Xunit.Sdk.XunitException($"line rejected: {result.Rejection?.Reason}");
    }
}

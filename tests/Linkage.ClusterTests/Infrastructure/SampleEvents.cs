using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Builds feed events with real tokens for cluster tests.</summary>
public static class SampleEvents
{
    public static readonly LinkageTokenizer Tokenizer = new(LinkageTokenizer.DevelopmentSecret);

    public static string Mid(string medicalId) => Tokenizer.Mid(medicalId);

    public static string Id2(string kanaName) => Tokenizer.Id2(kanaName, new DateOnly(1950, 3, 14), Sex.F);

    /// <summary>A lab result; <paramref name="source"/> is made unique per test so tests do not see each other's records.</summary>
    public static FeedEvent Lab(
        string source, string recordId, int version = 1, string? mid = null, string? id2 = null,
        bool retracted = false, double value = 8.1, string date = "2024-04-15", string? id1 = null) => new()
        {
            Source = source,
            RecordId = recordId,
            Version = version,
            Kind = EventKind.Lab,
            Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            Retracted = retracted,
            Subject = new Subject { Mid = mid, Id1 = id1, Id2 = id2, Birth = "1950-03", Sex = Sex.F, Pref = "26" },
            Data = retracted ? null : new LabData { Code = "3D046000001920402", Value = value, Unit = "%" },
        };

    /// <summary>An insurance enrolment token no other test uses.</summary>
    public static string NewId1() => Tokenizer.Id1("06139999", "12", Guid.NewGuid().ToString("N")[..10], "01", new DateOnly(1950, 3, 14), Sex.F);

    /// <summary>A name token no other test uses.</summary>
    public static string NewId2() => Id2("テスト" + Guid.NewGuid().ToString("N"));

    /// <summary>A source name no other test uses.</summary>
    public static string NewSource() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A medical id no other test uses.</summary>
    public static string NewMid() => Mid("MID-" + Guid.NewGuid().ToString("N"));

    /// <summary>A record of <paramref name="data"/>'s kind for the person <paramref name="mid"/> (born 1950-03, F, Tokyo).</summary>
    public static FeedEvent Record(string source, string recordId, string mid, DateOnly date, EventData data) => new()
    {
        Source = source,
        RecordId = recordId,
        Version = 1,
        Kind = data.Kind,
        Date = date,
        Subject = new Subject { Mid = mid, Birth = "1950-03", Sex = Sex.F, Pref = "13" },
        Data = data,
    };
}

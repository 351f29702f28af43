using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Tokens;

namespace Linkage.Tests.Linking;

/// <summary>Hand-built current records and real tokens for the linkage rule tests.</summary>
internal static class TestRecords
{
    private static readonly LinkageTokenizer Tokenizer = new(LinkageTokenizer.DevelopmentSecret);
    private static readonly DateOnly Birth = new(1960, 5, 10);

    public static string Mid(string medicalId) => Tokenizer.Mid("MID-" + medicalId);

    public static string Id1(string insuredNumber) => Tokenizer.Id1("06139999", "12", insuredNumber, "00", Birth, Sex.F);

    public static string Id2(string kanaName) => Tokenizer.Id2(kanaName, Birth, Sex.F);

    /// <summary>A record of <paramref name="source"/>/<paramref name="recordId"/> dated <paramref name="date"/> (yyyy-MM-dd).</summary>
    public static FeedEvent Record(
        string recordId, string date, string? mid = null, string? id1 = null, string? id2 = null, string source = "test-feed") => new()
    {
        Source = source,
        RecordId = recordId,
        Version = 1,
        Kind = id1 is not null ? EventKind.Receipt : EventKind.Lab,
        Date = DateOnly.ParseExact(date, "yyyy-MM-dd"),
        Subject = new Subject { Mid = mid, Id1 = id1, Id2 = id2, Birth = "1960-05", Sex = Sex.F },
        Data = id1 is not null
            ? new ReceiptData { Setting = "outpatient" }
            : new LabData { Code = "3D046000001920402", Value = 6.1, Unit = "%" },
    };

    public static RecordKey Key(string recordId, string source = "test-feed") => new(source, recordId);

    /// <summary>One expected person as its record ids, in the order <see cref="Groups"/> writes them.</summary>
    public static string Group(params string[] recordIds) =>
        string.Join(",", recordIds.Order(StringComparer.Ordinal));

    /// <summary>The partition as plain sets of record ids, for comparing groupings regardless of person ids.</summary>
    public static HashSet<string> Groups(Linkage.Linking.PeoplePartition partition) =>
        partition.People.Select(p => Group([.. p.Records.Select(r => r.RecordId)])).ToHashSet();
}

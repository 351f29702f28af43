using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.Feeds;

namespace Linkage.Tests.Feeds;

/// <summary>Valid events-v1 lines of every kind to start from, and the checks the feed tests share.</summary>
internal static class FeedLines
{
    public const string Mid = "mid.MZRYFSAvtkSoMYHjMvb1IQ";
    public const string Id1 = "id1.5U8WoGpworlt4Alycj2mTg";
    public const string Id2 = "id2.Q3YNYmq9dWQhgNdq6Tx_4Q";

    /// <summary>The line number every parse in these tests is given, to see it come back.</summary>
    public const int LineNumber = 7;

    public static readonly string[] Kinds = ["receipt", "lab", "medication", "surgery", "vital", "maternal", "death"];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A valid event of <paramref name="kind"/> with only the required fields.</summary>
    public static JsonObject Event(string kind = "lab") => new()
    {
        ["source"] = "kyoto-univ-lab",
        ["recordId"] = "R-1",
        ["version"] = 1,
        ["kind"] = kind,
        ["date"] = "2024-04-15",
        ["subject"] = Subject(),
        ["data"] = Data(kind),
    };

    public static JsonObject Subject() => new() { ["mid"] = Mid, ["birth"] = "1950-03", ["sex"] = "F" };

    /// <summary>The smallest valid data of each kind.</summary>
    public static JsonObject Data(string kind) => kind switch
    {
        "receipt" => new JsonObject { ["setting"] = "outpatient" },
        "lab" => new JsonObject { ["code"] = "3D046000001920402", ["value"] = 8.1 },
        "medication" => new JsonObject { ["code"] = "3969007F1020" },
        "surgery" => new JsonObject { ["code"] = "K5493" },
        "vital" => new JsonObject { ["type"] = "sbp", ["value"] = 128, ["at"] = "2024-04-15T08:30:00+09:00" },
        "maternal" => new JsonObject { ["entry"] = "checkup" },
        "death" => new JsonObject { ["underlying"] = "I21.9" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A valid event of <paramref name="kind"/> changed by <paramref name="edit"/>, as one line.</summary>
    public static string Line(string kind, Action<JsonObject> edit)
    {
        var e = Event(kind);
        edit(e);
        return Line(e);
    }

    /// <summary>A valid event of <paramref name="kind"/> changed in its data by <paramref name="edit"/>, as one line.</summary>
    public static string DataLine(string kind, Action<JsonObject> edit) => Line(kind, e => edit(e["data"]!.AsObject()));

    /// <summary>A valid lab event changed in its subject by <paramref name="edit"/>, as one line.</summary>
    public static string SubjectLine(Action<JsonObject> edit) => Line("lab", e => edit(e["subject"]!.AsObject()));

    public static string Line(JsonObject e) => e.ToJsonString(Relaxed);

    /// <summary>Parses a line that must be accepted.</summary>
    public static FeedEvent Accepted(string line)
    {
        var result = FeedLineParser.Parse(line, LineNumber);
        Assert.True(result.IsAccepted, result.Rejection?.Reason);
        Assert.Null(result.Rejection);
        Assert.Equal(LineNumber, result.Line);
        return result.Event;
    }

    /// <summary>Parses a line that must be rejected and gives the reason.</summary>
    public static string Rejected(string line) => Rejected(FeedLineParser.Parse(line, LineNumber));

    public static string Rejected(ReadOnlySpan<byte> line) => Rejected(FeedLineParser.Parse(line, LineNumber));

    private static string Rejected(FeedLineResult result)
    {
        Assert.False(result.IsAccepted);
        Assert.Null(result.Event);
        Assert.NotNull(result.Rejection);
        Assert.Equal(LineNumber, result.Line);
        Assert.Equal(LineNumber, result.Rejection.Line);
        return result.Rejection.Reason;
    }
}

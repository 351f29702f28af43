using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>
/// Lines a feed must reject: broken JSON (a line cut short), impossible dates, unknown kinds, subjects without any
/// token, and tokens of the wrong form. Each is made from a real event under a record id no valid record has.
/// </summary>
internal static class MalformedLines
{
    private static readonly string[] UnknownKinds = ["xray", "referral", "imaging"];

    public static FeedLine Make(Random random, FeedEvent basis)
    {
        var json = FeedEventJson.ToJson(basis);
        var text = random.Next(5) switch
        {
            0 => json[..random.Next(10, json.Length - 2)],
            1 => json.Replace(DateField(basis.Date), "\"date\":\"" + ImpossibleDate(random, basis.Date.Year) + "\"", StringComparison.Ordinal),
            2 => json.Replace(
                "\"kind\":\"" + EventKinds.Name(basis.Kind) + "\"",
                "\"kind\":\"" + UnknownKinds[random.Next(UnknownKinds.Length)] + "\"",
                StringComparison.Ordinal),
            3 => FeedEventJson.ToJson(basis with { Subject = basis.Subject with { Mid = null, Id1 = null, Id2 = null } }),
            _ => FeedEventJson.ToJson(basis with { Subject = WrongToken(random, basis.Subject) }),
        };
        return new FeedLine(basis.Source, text);
    }

    private static string DateField(DateOnly date) => "\"date\":\"" + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private static string ImpossibleDate(Random random, int year) => random.Next(3) switch
    {
        0 => $"{year}-02-30",
        1 => $"{year}-13-05",
        _ => $"{year}-04-31",
    };

    private static Subject WrongToken(Random random, Subject subject) => random.Next(3) switch
    {
        // Too short; an id1 in the mid field; a character outside base64url.
        0 => subject with { Mid = "mid.ABC" },
        1 => subject with { Mid = subject.Id1 ?? "id1.5U8WoGpworlt4Alycj2mTg" },
        _ => subject with { Id2 = "id2.Q3YNYmq9dWQhgNdq6Tx*4Q" },
    };
}

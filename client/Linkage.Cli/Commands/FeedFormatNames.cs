using Linkage.Client.Import;

namespace Linkage.Cli.Commands;

/// <summary>The <c>--format</c> names of <see cref="FeedFormat"/>s.</summary>
public static class FeedFormatNames
{
    private static readonly Dictionary<string, FeedFormat> Formats = new(StringComparer.Ordinal)
    {
        ["ndjson"] = FeedFormat.Ndjson,
        ["uke"] = FeedFormat.Uke,
        ["fhir"] = FeedFormat.Fhir,
        ["death-csv"] = FeedFormat.DeathCsv,
        ["maternal-csv"] = FeedFormat.MaternalCsv,
    };

    public static string[] All => [.. Formats.Keys];

    public static FeedFormat Parse(string name) => Formats[name];
}

using System.Globalization;
using System.Text;
using Linkage.Feeds;

namespace Linkage.Client.Ingestion;

/// <summary>
/// <c>FILE.rejects.csv</c> beside an input: <c>line,reason</c> with RFC 4180 quoting, UTF-8 with a byte order mark
/// (so that spreadsheet programs read the Japanese in reasons right) and CRLF line ends, rows by line.
/// </summary>
public static class RejectsFile
{
    public const string Suffix = ".rejects.csv";

    public const string Header = "line,reason";

    /// <summary>Where the rejects of <paramref name="inputPath"/> go.</summary>
    public static string PathFor(string inputPath) => inputPath + Suffix;

    /// <summary>
    /// Writes the rejects of <paramref name="inputPath"/>, or removes a stale rejects file when there are none, so the file
    /// always tells about the latest run; returns the path written, or null.
    /// </summary>
    public static async Task<string?> WriteAsync(string inputPath, IEnumerable<FeedRejection> rejections, CancellationToken cancellationToken = default)
    {
        var path = PathFor(inputPath);
        var rows = rejections.OrderBy(r => r.Line).ToList();
        if (rows.Count == 0)
        {
            File.Delete(path);
            return null;
        }

        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync($"{row.Line.ToString(CultureInfo.InvariantCulture)},{Quote(row.Reason)}");
        }

        return path;
    }

    /// <summary>A field as RFC 4180 wants it: quoted, with quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

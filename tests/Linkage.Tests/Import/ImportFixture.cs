using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Tokens;

namespace Linkage.Tests.Import;

/// <summary>Fixture files of TestData/import, the development tokenizer, and reading an importer to the end.</summary>
internal static class ImportFixture
{
    public const string Source = "test-feed";

    static ImportFixture() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static LinkageTokenizer Tokenizer { get; } = new(LinkageTokenizer.DevelopmentSecret);

    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "import", .. parts]);

    public static ImportOptions Options(bool withMaster = false, FhirMappingOptions? fhir = null) => new()
    {
        Source = Source,
        Tokenizer = Tokenizer,
        DiseaseMasterPath = withMaster ? PathOf("disease-master.csv") : null,
        Fhir = fhir ?? FhirMappingOptions.JpCore,
    };

    public static async Task<List<ImportedLine>> ReadFileAsync(IFeedImporter importer, string file)
    {
        await using var stream = File.OpenRead(PathOf(file));
        return await ReadAsync(importer, stream, file);
    }

    public static async Task<List<ImportedLine>> ReadBytesAsync(IFeedImporter importer, byte[] bytes, string name = "inline")
    {
        using var stream = new MemoryStream(bytes);
        return await ReadAsync(importer, stream, name);
    }

    public static async Task<List<ImportedLine>> ReadAsync(IFeedImporter importer, Stream stream, string name)
    {
        var lines = new List<ImportedLine>();
        await foreach (var line in importer.ReadAsync(stream, name, CancellationToken.None)) lines.Add(line);
        return lines;
    }

    /// <summary>UKE bytes as an operator's system writes them: Shift_JIS, CRLF after every record.</summary>
    public static byte[] UkeBytes(params string[] records) => ShiftJis.GetBytes(string.Concat(records.Select(r => r + "\r\n")));

    /// <summary>The 31 day columns with counts on the given days.</summary>
    public static string Days(params (int Day, int Count)[] counts)
    {
        var columns = new string[31];
        Array.Fill(columns, string.Empty);
        foreach (var (day, count) in counts) columns[day - 1] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(',', columns);
    }
}

using System.Text;
using Linkage.Client.Import;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import;

/// <summary>Runs alone, so that what the process allocates meanwhile is the importer's.</summary>
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

/// <summary>
/// A line of 128 MB costs each importer a bounded amount of memory, not the line: the importers stream, holding at
/// most one line or record of their bound, whatever the file. Measured as bytes allocated while reading, which a
/// reader that held the line would exceed at once.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class ImporterMemoryTests
{
    private const long Huge = 128L * 1024 * 1024;

    /// <summary>Reads <paramref name="input"/> to the end and returns its lines and the bytes allocated meanwhile.</summary>
    private static async Task<(List<ImportedLine> Lines, long Allocated)> MeasureAsync(FeedFormat format, Stream input)
    {
        var importer = FeedImporters.Create(format, Options(withMaster: true));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var lines = await ReadAsync(importer, input, "huge");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Corruption.AllAccountedFor(lines);
        return (lines, allocated);
    }

    /// <summary>
    /// Far less than the line: what the importers may hold is a line of their bound (FHIR's 4 MiB, grown to and read in
    /// two passes), whatever the line's length.
    /// </summary>
    private static void Bounded(long allocated) =>
        Assert.True(allocated < Huge / 4, $"reading a {Huge:N0}-byte line allocated {allocated:N0} bytes: expected under {Huge / 4:N0}, far less than the line");

    [Fact]
    public async Task A_128_MB_UKE_line_costs_its_receipt_and_a_bounded_amount_of_memory()
    {
        var lines = File.ReadAllText(PathOf("RECEIPTC.UKE"), ShiftJis).Split("\r\n");
        var before = ShiftJis.GetBytes(string.Concat(lines[..15].Select(l => l + "\r\n")) + "SI,");
        var after = ShiftJis.GetBytes("\r\n" + string.Join("\r\n", lines[15..]));

        var (read, allocated) = await MeasureAsync(FeedFormat.Uke, new GeneratedStream(before, (byte)'1', Huge, after));

        Assert.StartsWith("line 16: longer than 65536 bytes", Assert.Single(read, l => !l.IsEvent).Reason);
        Assert.Equal(new[] { 17, 21 }, read.Where(l => l.IsEvent).Select(l => l.Line));
        Bounded(allocated);
    }

    [Fact]
    public async Task A_128_MB_FHIR_line_is_named_and_costs_a_bounded_amount_of_memory()
    {
        var before = Encoding.UTF8.GetBytes(File.ReadAllText(PathOf("fhir", "Patient.ndjson")) + """{"resourceType":"Observation","id":"big","note":[{"text":" """);
        var after = Encoding.UTF8.GetBytes("\"}]}\n" + File.ReadAllText(PathOf("fhir", "Observation.ndjson")));

        var (read, allocated) = await MeasureAsync(FeedFormat.Fhir, new GeneratedStream(before, (byte)'x', Huge, after));

        Assert.StartsWith("line 4: longer than 4194304 bytes", Assert.Single(read, l => l.Line == 4).Reason);
        Assert.Contains(read, l => l.Event?.RecordId == "Observation/o1");
        Bounded(allocated);
    }

    [Fact]
    public async Task A_128_MB_CSV_row_is_named_and_costs_a_bounded_amount_of_memory()
    {
        const string header = "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place";
        const string row = ",サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,I21.9,1";
        var before = Encoding.UTF8.GetBytes($"{header}\r\nD-1{row}\r\nD-2,");
        var after = Encoding.UTF8.GetBytes($"\r\nD-3{row}\r\n");

        var (read, allocated) = await MeasureAsync(FeedFormat.DeathCsv, new GeneratedStream(before, (byte)'x', Huge, after));

        Assert.Equal("the record is longer than 262144 characters: not read", Assert.Single(read, l => l.Line == 3).Reason);
        Assert.Equal(new[] { 2, 4 }, read.Where(l => l.IsEvent).Select(l => l.Line));
        Bounded(allocated);
    }
}

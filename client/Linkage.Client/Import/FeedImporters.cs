using Linkage.Client.Import.Csv;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Import.Uke;
using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>Makes the importer of a <see cref="FeedFormat"/>; the CLI's entry point into the operators' formats.</summary>
public static class FeedImporters
{
    /// <summary>The importer of <paramref name="format"/>, loading the disease master once when a path is given.</summary>
    /// <exception cref="ArgumentException">The source is not a valid feed id.</exception>
    /// <exception cref="FileNotFoundException">The disease master path names no file.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="FeedFormat.Ndjson"/>: events-v1 NDJSON is parsed by <c>Linkage.Feeds.FeedLineParser</c>, not here.
    /// </exception>
    public static IFeedImporter Create(FeedFormat format, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Tokenizer);
        if (!FeedFormats.IsSource(options.Source ?? string.Empty))
        {
            throw new ArgumentException($"source '{options.Source}' is not a feed id ([a-z0-9][a-z0-9-]{{0,63}})", nameof(options));
        }

        return format switch
        {
            FeedFormat.Uke => new UkeImporter(options, LoadMaster(options)),
            FeedFormat.Fhir => new FhirBulkImporter(options, LoadMaster(options),
                Load(options.HotMasterPath, "HOT code master (医薬品HOTコードマスター)", HotCodeMaster.Load),
                Load(options.GenericNameMapPath, "generic-name map", GenericNameMap.Load)),
            FeedFormat.DeathCsv => new DeathCsvImporter(options),
            FeedFormat.MaternalCsv => new MaternalCsvImporter(options),
            FeedFormat.Ndjson => throw new ArgumentOutOfRangeException(nameof(format), format, "events-v1 NDJSON is read by Linkage.Feeds.FeedLineParser, not by an importer"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown feed format"),
        };
    }

    private static T? Load<T>(string? path, string what, Func<string, T> load)
        where T : class
    {
        if (path is null) return null;
        return File.Exists(path) ? load(path) : throw new FileNotFoundException($"{what} not found: {path}", path);
    }

    private static DiseaseMaster? LoadMaster(ImportOptions options)
    {
        if (options.DiseaseMasterPath is null) return null;
        if (!File.Exists(options.DiseaseMasterPath))
        {
            throw new FileNotFoundException($"disease master (傷病名マスター) not found: {options.DiseaseMasterPath}", options.DiseaseMasterPath);
        }

        return DiseaseMaster.Load(options.DiseaseMasterPath);
    }
}

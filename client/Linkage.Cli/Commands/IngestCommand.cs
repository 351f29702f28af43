using System.CommandLine;
using System.Diagnostics;
using Linkage.Cli.Display;
using Linkage.Client.Http;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Ingestion;
using Linkage.Client.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage ingest FILE... --format F --source NAME</c>: send operators' files through the API (or <c>--stream</c>
/// through the feed stream), with progress, a rejects file beside each input, and exit code 1 only when nothing could be sent.
/// </summary>
public static class IngestCommand
{
    private const string Name = "linkage ingest";

    /// <summary>More bodies in flight than this only queue in the host (each silo takes Linkage:Engine:MaxEventsInFlight, 60,000 by default).</summary>
    private const int MaxInFlight = 16;

    public static Command Create()
    {
        var files = new Argument<FileSystemInfo[]>("files")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Input files (for --format fhir also export directories, standing for their *.ndjson files)",
        }.AcceptExistingOnly();
        var format = new Option<string>("--format") { Required = true, Description = "The input's format" };
        format.AcceptOnlyFromAmong(FeedFormatNames.All);
        var source = new Option<string?>("--source")
        {
            Description = "The feed's source name, given to every event made (required, except for ndjson sent over HTTP: " +
                          "its lines carry their own source, and when it is given lines of another source are rejected)",
        };
        var batchLines = new Option<int>("--batch-lines")
        {
            DefaultValueFactory = _ => new FeedIngestionOptions().BatchLines,
            Description = "Events per POST at most (over HTTP; the engine links a body in batches of its Linkage:Engine:BatchEvents, 5,000 by default)",
        };
        batchLines.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--batch-lines must be at least 1");
        });
        var inFlight = new Option<int>("--in-flight")
        {
            DefaultValueFactory = _ => FeedIngestionOptions.DefaultInFlight,
            Description = "POSTs in flight at once (over HTTP): the next body is read and sent while earlier ones are linked; 1 waits for each answer",
        };
        inFlight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxInFlight) result.AddError($"--in-flight must be 1 to {MaxInFlight}");
        });
        var stream = new Option<bool>("--stream") { Description = "Publish through the Orleans feed stream instead of the API; the cluster's rejects are then in GET /api/v1/feeds/{source}" };
        var api = ApiOption.Create();
        var key = ApiKeyOption.Create();
        var diseaseMaster = new Option<FileInfo>("--disease-master") { Description = "The disease master (傷病名マスター, Shift_JIS CSV) that maps receipt disease codes to ICD-10 (uke, fhir)" }.AcceptExistingOnly();
        var hotMaster = new Option<FileInfo>("--hot-master") { Description = "MEDIS-DC's HOT code master (医薬品HOTコードマスター, MEDIS*.TXT) that maps HOT13/HOT9/HOT7 prescriptions to YJ codes (fhir)" }.AcceptExistingOnly();
        var genericNameMap = new Option<FileInfo>("--generic-name-map") { Description = "Your CSV of generic_code,yj_code that maps generic-name (一般名処方) prescriptions to YJ codes (fhir)" }.AcceptExistingOnly();
        var codeSystem = new Option<string[]>("--code-system")
        {
            Description = "A code system to take besides those of docs/formats.md, as ROLE=URI (roles: " + string.Join(", ", JpCodeSystems.RoleNames.Keys) + "); may be repeated (fhir)",
            AllowMultipleArgumentsPerToken = false,
        };
        var codeSystems = new Option<FileInfo>("--code-systems") { Description = "A settings file of code systems to take, one ROLE=URI per line (# comments) (fhir)" }.AcceptExistingOnly();
        var fhirProfile = new Option<string>("--fhir-profile") { DefaultValueFactory = _ => "jp-core", Description = "How FHIR identifiers and names map onto tokens" };
        fhirProfile.AcceptOnlyFromAmong("jp-core", "synthea");
        var cluster = new ClusterConnectionOptions();

        var command = new Command("ingest", "Send operators' files (events-v1 NDJSON, UKE, FHIR bulk data, death or maternal CSV) to the platform")
        {
            files, format, source, stream, batchLines, inFlight, api, key, SecretOption.Option, diseaseMaster, hotMaster, genericNameMap, codeSystem, codeSystems, fhirProfile,
        };
        cluster.AddTo(command);
        command.Validators.Add(result =>
        {
            var isNdjson = result.GetValue(format) == "ndjson";
            if (result.GetValue(source) is null && (!isNdjson || result.GetValue(stream)))
            {
                result.AddError("--source is required (only ndjson sent over HTTP may leave it out, since its lines carry their own source)");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var feedFormat = FeedFormatNames.Parse(parse.GetValue(format)!);
            var feed = parse.GetValue(source);
            IFeedImporter importer;
            IReadOnlyList<IngestionInput> inputs;
            var inputWarnings = new List<string>();
            try
            {
                importer = feedFormat == FeedFormat.Ndjson
                    ? new NdjsonFeedImporter(feed)
                    : FeedImporters.Create(feedFormat, new ImportOptions
                    {
                        Source = feed!,
                        Tokenizer = SecretOption.Tokenizer(parse),
                        DiseaseMasterPath = parse.GetValue(diseaseMaster)?.FullName,
                        HotMasterPath = parse.GetValue(hotMaster)?.FullName,
                        GenericNameMapPath = parse.GetValue(genericNameMap)?.FullName,
                        Fhir = (parse.GetValue(fhirProfile) == "synthea" ? FhirMappingOptions.Synthea : FhirMappingOptions.JpCore).WithSystems(
                            [.. parse.GetValue(codeSystems) is { } settings ? CodeSystemSettings.Read(settings.FullName) : [],
                             .. (parse.GetValue(codeSystem) ?? []).Select(s => CodeSystemSettings.Parse(s))]),
                    });
                inputs = IngestionInput.Of(importer, [.. parse.GetValue(files)!.Select(f => f.ToString())], inputWarnings.Add);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or FormatException)
            {
                await Console.Error.WriteLineAsync($"{Name}: {ex.Message}");
                return 1;
            }

            var reports = parse.GetValue(stream)
                ? await StreamAsync(parse, cluster, feed!, inputs, cancellationToken)
                : await PostAsync(parse, api, key, new FeedIngestionOptions { BatchLines = parse.GetValue(batchLines), InFlight = parse.GetValue(inFlight) }, inputs, cancellationToken);

            foreach (var warning in inputWarnings.Concat(importer.Warnings).Distinct()) await Console.Error.WriteLineAsync($"{Name}: warning: {warning}");
            if (parse.GetValue(stream) && reports.Any(r => r.Sent > 0))
            {
                Console.WriteLine($"The cluster validates what was published: its accepted, duplicate and rejected lines are in GET /api/v1/feeds/{feed}" +
                                  (feedFormat == FeedFormat.Ndjson ? "." : " (its line numbers count the published events, one per line, not the input's lines)."));
            }

            var exitCode = IngestionReport.ExitCode(reports);
            if (exitCode != 0) await Console.Error.WriteLineAsync($"{Name}: nothing could be sent");
            return exitCode;
        });
        return command;
    }

    private static async Task<List<IngestionReport>> PostAsync(
        ParseResult parse, Option<string> api, Option<string?> key, FeedIngestionOptions options, IReadOnlyList<IngestionInput> inputs, CancellationToken cancellationToken)
    {
        var client = LinkageApiClient.Create(ApiOption.BaseAddresses(parse, api), ApiKeyOption.Key(parse, key));
        var ingestion = new FeedIngestion(new ApiIngestSender(client), options);
        return await RunAsync(inputs, (input, progress) => ingestion.IngestAsync(input, progress, cancellationToken));
    }

    private static async Task<List<IngestionReport>> StreamAsync(
        ParseResult parse, ClusterConnectionOptions cluster, string source, IReadOnlyList<IngestionInput> inputs, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = await cluster.StartClientAsync(parse, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever Orleans or Azure Storage says, the operator needs to hear it, not a stack trace.
            await Console.Error.WriteLineAsync($"{Name}: could not join the cluster at --storage/--prefix: {ex.Message}");
            return [];
        }

        using (host)
        {
            var ingestion = new FeedStreamIngestion(new FeedPublisher(host.Services.GetRequiredService<IClusterClient>(), new FeedPublisherOptions()));
            var reports = await RunAsync(inputs, (input, progress) => ingestion.PublishAsync(source, input, progress, cancellationToken));
            await host.StopAsync(cancellationToken);
            return reports;
        }
    }

    /// <summary>Runs each input in turn with a progress bar on a terminal, and prints its summary and, if any, why it stopped.</summary>
    private static async Task<List<IngestionReport>> RunAsync(
        IReadOnlyList<IngestionInput> inputs, Func<IngestionInput, IProgress<IngestionProgress>?, Task<IngestionReport>> run)
    {
        var reports = new List<IngestionReport>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var clock = Stopwatch.StartNew();
            IngestionReport report;
            try
            {
                report = IngestionProgressDisplay.IsWanted
                    ? await IngestionProgressDisplay.RunAsync(input.Name, progress => run(input, progress))
                    : await run(input, null);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"{Name}: {input.Name}: {ex.Message}");
                continue;
            }

            IngestionSummary.Write(AnsiConsole.Console, report, clock.Elapsed);
            reports.Add(report);
            if (report.Failure is not null)
            {
                // The API or the stream failed, not the input: the next inputs would fail the same way.
                var left = inputs.Count - i - 1;
                await Console.Error.WriteLineAsync(report.NothingSent
                    ? $"{Name}: {input.Name}: nothing sent: {report.Failure}"
                    : $"{Name}: {input.Name}: stopped after {report.LinesRead:N0} lines: {report.Failure}. " +
                      "Run the same command again to send the rest: lines already stored count as duplicates.");
                if (left > 0) await Console.Error.WriteLineAsync($"{Name}: {left} more input(s) not sent");
                break;
            }

            if (report.WhyNothingSent is { } why) await Console.Error.WriteLineAsync($"{Name}: {input.Name}: nothing sent: {why}");
        }

        return reports;
    }
}

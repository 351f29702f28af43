using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Linkage.Feeds;

namespace Linkage.Client.Import.Fhir;

/// <summary>Reads FHIR R4 bulk data NDJSON (the <c>$export</c> layout, one resource type per file) onto events-v1.</summary>
/// <remarks>
/// Patients are read first, then every other resource, which must refer to a Patient read before (by
/// <c>Patient/id</c>, <c>urn:uuid:id</c> or identifier); a reference to an unknown patient is reported, not guessed.
/// Give all files of an export at once to <see cref="ReadAsync(IReadOnlyList{string}, CancellationToken)"/>; the
/// single-stream form reads the Patients of that stream first and keeps the patients of earlier calls. Lines are read
/// one at a time (at most <see cref="NdjsonLineReader.MaxLineBytes"/> each); a line that is not UTF-8 or not JSON is
/// reported and the next ones are read as usual.
/// </remarks>
public sealed class FhirBulkImporter : IFeedImporter
{
    /// <summary>Firely's error code for a missing required element; the mapper checks the elements it needs itself.</summary>
    private const string MinimumCardinality = "PVAL105";

    // Backwards-compatible mode lets unknown elements and codes through (newer or vendor data) but reports bad literals.
    private readonly FhirJsonDeserializer _deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.BackwardsCompatible));
    private readonly FhirPatientIndex _patients = new();
    private readonly Dictionary<string, Diagnosis> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claims = new(StringComparer.Ordinal);
    private readonly SkippedLineTally _skipped = new();
    private readonly FhirPatientMapper _patientMapper;
    private readonly FhirEventMapper _mapper;
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, int> _leftOut = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unresolved = new(StringComparer.Ordinal);
    private int _unresolvedCount;

    public FhirBulkImporter(ImportOptions options, DiseaseMaster? diseaseMaster, HotCodeMaster? hotMaster = null, GenericNameMap? genericNames = null)
    {
        var diseases = new DiseaseCodeMapper(diseaseMaster, Warn);
        _patientMapper = new FhirPatientMapper(options);
        _mapper = new FhirEventMapper(options, _patients, diseases, new MedicationCodeMapper(options.Fhir, hotMaster, genericNames), _conditions, _claims, LeaveOut);
    }

    public IReadOnlyList<SkippedLines> Skipped => _skipped.All;

    /// <summary>Notes said once, and counts of what was left out quietly (resource types events-v1 has no kind for).</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings, .. _leftOut.Select(l => $"{l.Key}: {l.Value} left out"), .. UnresolvedWarning()];

    /// <summary>
    /// Said once, however many resources it concerns: references to patients in none of the files read usually mean
    /// a Patient file was not given, which per-line rejections alone make easy to miss.
    /// </summary>
    private IEnumerable<string> UnresolvedWarning()
    {
        if (_unresolvedCount == 0) yield break;
        yield return $"{_unresolvedCount} resource(s) refer to a patient that is in none of the files read, "
            + $"e.g. {string.Join("; ", _unresolved.Select(u => $"{u.Key} at {u.Value}"))}: was a Patient file of the export left out?";
    }

    /// <summary>
    /// Reads one NDJSON stream in two passes, its Patients first and then the rest of it: a stream that cannot seek is
    /// copied to a temporary file first, so that nothing but the patient index is held in memory.
    /// </summary>
    public async IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        Stream? copy = null;
        try
        {
            var stream = input;
            if (!input.CanSeek)
            {
                copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
                await input.CopyToAsync(copy, ct);
                copy.Position = 0;
                stream = copy;
            }

            var start = stream.Position;
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, fileName, ct))
            {
                foreach (var result in FirstPass(line)) yield return result;
            }

            stream.Position = start;
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, fileName, ct))
            {
                foreach (var result in SecondPass(line)) yield return result;
            }
        }
        finally
        {
            if (copy is not null) await copy.DisposeAsync();
        }
    }

    /// <summary>Reads the files of a bulk export (directories stand for their resource files): all Patients first, then the rest, file by file.</summary>
    /// <exception cref="FileNotFoundException">A path names neither a file nor a directory.</exception>
    public async IAsyncEnumerable<ImportedLine> ReadAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken ct)
    {
        var files = ExpandPaths(paths, Warn);
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, file, ct))
            {
                foreach (var result in FirstPass(line)) yield return result;
            }
        }

        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, file, ct))
            {
                foreach (var result in SecondPass(line)) yield return result;
            }
        }
    }

    /// <summary>
    /// The files <paramref name="paths"/> stand for, in order, each once. A directory gives all its <c>*.ndjson</c>
    /// files, whatever they are named (Synthea writes <c>Patient1.ndjson</c>): the type of each resource is read from
    /// the resource itself. Only a file whose first line is JSON without a <c>resourceType</c> (an export's log) is not
    /// resources and is left out; that, and a file given twice, is said in <paramref name="leftOut"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names neither a file nor a directory.</exception>
    public static IReadOnlyList<string> ExpandPaths(IReadOnlyList<string> paths, Action<string>? leftOut = null)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Take(string file)
        {
            if (seen.Add(Path.GetFullPath(file))) files.Add(file);
            else leftOut?.Invoke($"{file}: given more than once: read once");
        }

        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.ndjson").Order(StringComparer.Ordinal))
                {
                    if (FirstLineIsNotAResource(file) is { } why) leftOut?.Invoke($"{file}: {why}, so not read as resources");
                    else Take(file);
                }
            }
            else if (File.Exists(path))
            {
                Take(path);
            }
            else
            {
                throw new FileNotFoundException($"no such FHIR NDJSON file or directory: {path}", path);
            }
        }

        return files;
    }

    /// <summary>Why a file is not FHIR resources, judged by its first non-blank line: JSON with no <c>resourceType</c>; null when it may be.</summary>
    /// <remarks>A line that is not JSON at all is no reason: a damaged resource file is read, and its bad lines named.</remarks>
    private static string? FirstLineIsNotAResource(string file)
    {
        using var stream = File.OpenRead(file);
        foreach (var line in NdjsonLineReader.ReadAsync(stream, file, CancellationToken.None).ToBlockingEnumerable())
        {
            if (line.IsBlank) continue;
            if (line.Text is null) return null;
            return FhirResourceType.Peek(line.Text, out var problem) is null && problem == "the JSON object has no resourceType"
                ? $"its first line ({line.Line}) is JSON without a resourceType (an export's log?)"
                : null;
        }

        return null;
    }

    /// <summary>
    /// Reads a Patient line (and indexes a Condition line for claims, a Claim for the benefit explanations that
    /// refer to it); a line that is not text, and a blank line, are answered for here.
    /// </summary>
    private IEnumerable<ImportedLine> FirstPass(NdjsonLine line)
    {
        if (line.Problem is not null) return [Reject(line, line.Problem)];
        if (line.IsBlank)
        {
            _skipped.Add(line.File, "blank line");
            return [];
        }

        var type = FhirResourceType.Peek(line.Text!, out _);
        if (type == "Condition")
        {
            IndexCondition(line);
            return [];
        }

        if (type == "Claim")
        {
            if (FhirResourceType.PeekId(line.Text!) is { } claimId) _claims.Add(claimId);
            return [];
        }

        return type == "Patient" ? OnePerLine(line, ReadPatient(line), "Patient without a death (read for the identity of the resources that refer to it)") : [];
    }

    private List<ImportedLine> ReadPatient(NdjsonLine line)
    {
        string? id = null;
        try
        {
            var patient = (Patient)Deserialize(line, "Patient");
            id = patient.Id;
            var mapped = _patientMapper.Map(patient);
            _patients.Add(patient.Id!, patient, mapped.Subject);
            var results = new List<ImportedLine>();
            if (mapped.Death is not null) results.Add(Checked(line, mapped.Death));
            if (mapped.DeathProblem is not null) results.Add(Reject(line, $"Patient/{id}: {mapped.DeathProblem}"));
            return results;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = ex is RejectedInput ? ex.Message : "could not be mapped: " + ex.Message;
            if (id is not null) _patients.Reject(id, $"{line.File} line {line.Line}: {message}");
            return [Reject(line, (id is null ? "Patient: " : $"Patient/{id}: ") + message)];
        }
    }

    private void IndexCondition(NdjsonLine line)
    {
        try
        {
            var condition = (Condition)Deserialize(line, "Condition");
            if (_mapper.DiagnosisOf(condition) is { } diagnosis) _conditions[condition.Id!] = diagnosis;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The second pass reads the line again and reports it.
        }
    }

    private IEnumerable<ImportedLine> SecondPass(NdjsonLine line)
    {
        if (line.Problem is not null || line.IsBlank) return []; // answered for in the first pass
        var type = FhirResourceType.Peek(line.Text!, out var problem);
        if (type is null) return [Reject(line, problem!)];
        if (type == "Patient") return [];
        if (!ModelInfo.IsKnownResource(type)) return [Reject(line, $"unknown resource type '{type}': not a FHIR R4 resource")];
        if (!FhirEventMapper.Mapped.Contains(type))
        {
            var what = $"{type} resources (no events-v1 kind)";
            LeaveOut(what);
            _skipped.Add(line.File, what);
            return [];
        }

        string? id = null;
        _patients.TakeUnresolved();
        try
        {
            var resource = Deserialize(line, type);
            id = resource.Id;
            return OnePerLine(line, [.. _mapper.Map(resource).Select(e => Checked(line, e))], $"{type} that gave no event");
        }
        catch (SkippedInput skipped)
        {
            var reason = $"{type}/{id}: {skipped.Message}";
            if (skipped.Warn) Warn(reason);
            _skipped.Add(line.File, skipped.Warn ? $"{type} with nothing to say (named in the warnings)" : skipped.Message);
            return [];
        }
        catch (RejectedInput rejection)
        {
            if (_patients.TakeUnresolved() is { } patient)
            {
                _unresolvedCount++;
                if (_unresolved.Count < 3) _unresolved.TryAdd(patient, $"{line.File} line {line.Line}");
            }

            return [Reject(line, (id is null ? type : $"{type}/{id}") + ": " + rejection.Message)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A value the SDK kept but cannot hand out; reported like any other bad input rather than ending the import.
            return [Reject(line, (id is null ? type : $"{type}/{id}") + ": could not be mapped: " + ex.Message)];
        }
    }

    /// <summary>The line counted once: by its first result (the others answer for no line of their own), or as skipped when it gave none.</summary>
    private List<ImportedLine> OnePerLine(NdjsonLine line, List<ImportedLine> results, string skippedAs)
    {
        if (results.Count == 0) _skipped.Add(line.File, skippedAs);
        for (var i = 1; i < results.Count; i++) results[i] = results[i] with { Lines = 0 };
        return results;
    }

    /// <summary>Parses a resource with the Firely SDK, raising a rejection with its messages when it is not valid FHIR R4 JSON.</summary>
    private Resource Deserialize(NdjsonLine line, string type)
    {
        Resource? resource;
        List<Hl7.Fhir.Utility.CodedException> problems;
        try
        {
            _deserializer.TryDeserializeResource(line.Text!, out resource, out var issues);
            problems = issues.Where(i => i.ErrorCode != MinimumCardinality).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RejectedInput($"{type} is not valid FHIR R4 JSON: {ex.Message}");
        }

        if (resource is null || problems.Count > 0)
        {
            throw new RejectedInput($"{type} is not valid FHIR R4 JSON: {string.Join("; ", problems.Take(3).Select(i => i.Message))}");
        }

        if (string.IsNullOrWhiteSpace(resource.Id)) throw new RejectedInput("the resource has no id, so no recordId can be made");
        return resource;
    }

    private static ImportedLine Checked(NdjsonLine line, FeedEvent feedEvent) => ImportedLine.Mapped(line.File, line.Line, feedEvent, feedEvent.RecordId);

    private void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    private void LeaveOut(string what) => _leftOut[what] = _leftOut.GetValueOrDefault(what) + 1;

    private static ImportedLine Reject(NdjsonLine line, string reason) => ImportedLine.Rejected(line.File, line.Line, reason);
}

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
/// single-stream form reads the Patients of that stream first and keeps the patients of earlier calls.
/// </remarks>
public sealed class FhirBulkImporter : IFeedImporter
{
    /// <summary>Firely's error code for a missing required element; the mapper checks the elements it needs itself.</summary>
    private const string MinimumCardinality = "PVAL105";

    // Backwards-compatible mode lets unknown elements and codes through (newer or vendor data) but reports bad literals.
    private readonly FhirJsonDeserializer _deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.BackwardsCompatible));
    private readonly FhirPatientIndex _patients = new();
    private readonly Dictionary<string, Diagnosis> _conditions = new(StringComparer.Ordinal);
    private readonly FhirPatientMapper _patientMapper;
    private readonly FhirEventMapper _mapper;
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, int> _leftOut = new(StringComparer.Ordinal);

    public FhirBulkImporter(ImportOptions options, DiseaseMaster? diseaseMaster)
    {
        var diseases = new DiseaseCodeMapper(diseaseMaster, Warn);
        _patientMapper = new FhirPatientMapper(options);
        _mapper = new FhirEventMapper(options, _patients, diseases, _conditions, LeaveOut);
    }

    /// <summary>Notes said once, and counts of what was left out quietly (resource types events-v1 has no kind for).</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings, .. _leftOut.Select(l => $"{l.Key}: {l.Value} left out")];

    /// <summary>Reads one NDJSON stream: its Patients first, then the rest of it (kept in memory until the end of the stream).</summary>
    public async IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, [EnumeratorCancellation] CancellationToken ct)
    {
        var deferred = new List<NdjsonLine>();
        await foreach (var line in NdjsonLineReader.ReadAsync(input, fileName, ct))
        {
            if (line.Problem is not null)
            {
                yield return Reject(line, line.Problem);
                break;
            }

            if (FirstPass(line) is { } patientResults)
            {
                foreach (var result in patientResults) yield return result;
            }
            else
            {
                deferred.Add(line);
            }
        }

        foreach (var line in deferred)
        {
            foreach (var result in SecondPass(line)) yield return result;
        }
    }

    /// <summary>Reads the files of a bulk export (directories stand for their <c>*.ndjson</c> files): all Patients first, then the rest, file by file.</summary>
    /// <exception cref="FileNotFoundException">A path names neither a file nor a directory.</exception>
    public async IAsyncEnumerable<ImportedLine> ReadAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken ct)
    {
        var files = ExpandPaths(paths);
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, file, ct))
            {
                if (line.Problem is not null)
                {
                    yield return Reject(line, line.Problem);
                    break;
                }

                foreach (var result in FirstPass(line) ?? []) yield return result;
            }
        }

        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var line in NdjsonLineReader.ReadAsync(stream, file, ct))
            {
                if (line.Problem is not null) break; // reported in the first pass
                foreach (var result in SecondPass(line)) yield return result;
            }
        }
    }

    /// <summary>The files <paramref name="paths"/> stand for, in order; a directory gives its <c>*.ndjson</c> files by name.</summary>
    public static IReadOnlyList<string> ExpandPaths(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.ndjson").Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new FileNotFoundException($"no such FHIR NDJSON file or directory: {path}", path);
        }

        return files;
    }

    /// <summary>Reads a Patient line (and indexes a Condition line for claims); null for a line the second pass reads.</summary>
    private List<ImportedLine>? FirstPass(NdjsonLine line)
    {
        var type = FhirResourceType.Peek(line.Text!, out _);
        if (type == "Condition")
        {
            IndexCondition(line);
            return null;
        }

        return type == "Patient" ? ReadPatient(line) : null;
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
        var type = FhirResourceType.Peek(line.Text!, out var problem);
        if (type is null) return [Reject(line, problem!)];
        if (type == "Patient") return [];
        if (!ModelInfo.IsKnownResource(type)) return [Reject(line, $"unknown resource type '{type}': not a FHIR R4 resource")];
        if (!FhirEventMapper.Mapped.Contains(type))
        {
            LeaveOut($"{type} resources (no events-v1 kind)");
            return [];
        }

        string? id = null;
        try
        {
            var resource = Deserialize(line, type);
            id = resource.Id;
            return _mapper.Map(resource).Select(e => Checked(line, e)).ToList();
        }
        catch (RejectedInput rejection)
        {
            return [Reject(line, (id is null ? type : $"{type}/{id}") + ": " + rejection.Message)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A value the SDK kept but cannot hand out; reported like any other bad input rather than ending the import.
            return [Reject(line, (id is null ? type : $"{type}/{id}") + ": could not be mapped: " + ex.Message)];
        }
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

    private ImportedLine Checked(NdjsonLine line, FeedEvent feedEvent)
    {
        var violation = EventContract.Violation(feedEvent);
        return violation is null
            ? new ImportedLine(line.Line, feedEvent, null) { FileName = line.File }
            : Reject(line, $"{feedEvent.RecordId}: the mapped event breaks events-v1: {violation}");
    }

    private void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    private void LeaveOut(string what) => _leftOut[what] = _leftOut.GetValueOrDefault(what) + 1;

    private static ImportedLine Reject(NdjsonLine line, string reason) => new(line.Line, null, reason) { FileName = line.File };
}

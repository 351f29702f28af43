using Hl7.Fhir.Model;
using Linkage.Feeds;

namespace Linkage.Client.Import.Fhir;

/// <summary>The patients read so far, by id and by identifier, that other resources refer to.</summary>
internal sealed class FhirPatientIndex
{
    private readonly Dictionary<string, Subject> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subject> _byIdentifier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rejected = new(StringComparer.Ordinal);

    /// <summary>The patient id of the last reference that resolved to no patient read at all (not even a rejected one); taken once.</summary>
    public string? TakeUnresolved()
    {
        var id = _unresolved;
        _unresolved = null;
        return id;
    }

    private string? _unresolved;

    public void Add(string id, Patient patient, Subject subject)
    {
        _byId[id] = subject;
        _rejected.Remove(id);
        foreach (var identifier in patient.Identifier)
        {
            if (identifier.System is { Length: > 0 } system && identifier.Value is { Length: > 0 } value) _byIdentifier[system + "|" + value] = subject;
        }
    }

    /// <summary>Remembers a patient that could not be mapped, so that references to it say why.</summary>
    public void Reject(string id, string where) => _rejected[id] = where;

    /// <summary>The subject a reference names; raises a rejection naming <paramref name="field"/> when it names no known patient.</summary>
    /// <remarks>Accepts <c>Patient/id</c> (also absolute or with <c>_history</c>), <c>urn:uuid:id</c> and a logical reference by identifier.</remarks>
    public Subject Resolve(ResourceReference? reference, string field)
    {
        if (reference is null) throw new RejectedInput($"{field} is missing");
        if (!string.IsNullOrEmpty(reference.Reference))
        {
            var id = PatientId(reference.Reference)
                ?? throw new RejectedInput($"{field} '{reference.Reference}' does not refer to a Patient");
            if (_byId.TryGetValue(id, out var subject)) return subject;
            if (_rejected.TryGetValue(id, out var where)) throw new RejectedInput($"{field} refers to Patient/{id}, which was rejected ({where})");
            _unresolved = "Patient/" + id;
            throw new RejectedInput($"{field} refers to Patient/{id}, which is not among the patients read (Patient resources are read first)");
        }

        if (reference.Identifier is { System.Length: > 0, Value.Length: > 0 } identifier)
        {
            if (_byIdentifier.TryGetValue(identifier.System + "|" + identifier.Value, out var subject)) return subject;
            _unresolved = identifier.System + "|" + identifier.Value;
            throw new RejectedInput($"{field} names identifier {identifier.System}|{identifier.Value}, which no patient read carries");
        }

        throw new RejectedInput($"{field} has neither a reference nor an identifier");
    }

    private static string? PatientId(string reference)
    {
        if (reference.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) return reference["urn:uuid:".Length..];
        var parts = reference.Split('/');
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (parts[i] == "Patient" && parts[i + 1].Length > 0) return parts[i + 1];
        }

        return null;
    }
}

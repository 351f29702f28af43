using Hl7.Fhir.Model;

namespace Linkage.Client.Import.Fhir;

/// <summary>
/// The YJ code of a medication concept: a YJ coding as it is; a HOT13, HOT9 or HOT7 coding through the HOT code master;
/// a generic-name (一般名処方) coding through the operator's generic-name map. Never a code of another system.
/// </summary>
internal sealed class MedicationCodeMapper(FhirMappingOptions mapping, HotCodeMaster? hot, GenericNameMap? genericNames)
{
    /// <summary>The YJ code, or null with the reasons each coding that might have given one did not (empty when none might).</summary>
    public string? YjOf(CodeableConcept? concept, out IReadOnlyList<string> reasons)
    {
        var why = new List<string>();
        reasons = why;
        if (concept is null) return null;
        if (FirstCode(concept, mapping.MedicationCodeSystems) is { } yj) return yj;

        foreach (var (systems, name) in new[] { (mapping.Hot13Systems, "HOT13"), (mapping.Hot9Systems, "HOT9"), (mapping.Hot7Systems, "HOT7") })
        {
            if (FirstCoding(concept, systems) is not { } coding) continue;
            var code = coding.Code!.Trim();
            if (hot is null)
            {
                why.Add($"{name} {code} has no YJ code without a HOT code master: get {HotCodeMaster.WhereToGetIt}");
                continue;
            }

            if (hot.YjOf(code, out var problem) is { } mapped) return mapped;
            why.Add($"{name} {code} {problem}");
        }

        if (FirstCoding(concept, mapping.GenericNameSystems) is { } generic)
        {
            var code = generic.Code!.Trim();
            if (genericNames?.YjOf(code) is { } mapped) return mapped;
            why.Add(genericNames is null
                ? $"generic name {code}: {GenericNameMap.WhyAMapIsNeeded}"
                : $"generic name {code} is not in the generic-name map given");
        }

        return null;
    }

    private static Coding? FirstCoding(CodeableConcept concept, IReadOnlyList<string> systems)
    {
        foreach (var system in systems)
        {
            if (concept.Coding.FirstOrDefault(c => c.System == system && !string.IsNullOrWhiteSpace(c.Code)) is { } coding) return coding;
        }

        return null;
    }

    private static string? FirstCode(CodeableConcept concept, IReadOnlyList<string> systems) => FirstCoding(concept, systems)?.Code!.Trim();
}

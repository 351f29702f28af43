using Linkage.Client.Import.Fhir;
using Linkage.Tokens;

namespace Linkage.Client.Import;

/// <summary>What every importer needs: the feed id, the operator's tokenizer and the optional masters.</summary>
public sealed record ImportOptions
{
    /// <summary>The events-v1 <c>source</c> of every produced event (<c>[a-z0-9][a-z0-9-]{0,63}</c>).</summary>
    public required string Source { get; init; }

    /// <summary>Turns raw identity into tokens at the operator's site.</summary>
    public required LinkageTokenizer Tokenizer { get; init; }

    /// <summary>Path of the disease master (傷病名マスター, Shift_JIS CSV); without it disease codes stay <c>JP:</c> + 7 digits.</summary>
    public string? DiseaseMasterPath { get; init; }

    /// <summary>Path of MEDIS-DC's HOT code master (医薬品HOTコードマスター, Shift_JIS CSV): HOT13/HOT9/HOT7 prescriptions to YJ (FHIR).</summary>
    public string? HotMasterPath { get; init; }

    /// <summary>Path of the operator's generic-name map (CSV <c>generic_code,yj_code</c>): 一般名処方 prescriptions to YJ (FHIR).</summary>
    public string? GenericNameMapPath { get; init; }

    /// <summary>How FHIR identifiers, names and code systems map onto events-v1.</summary>
    public FhirMappingOptions Fhir { get; init; } = FhirMappingOptions.JpCore;
}

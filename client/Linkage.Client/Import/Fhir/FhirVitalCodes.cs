using System.Collections.Frozen;

namespace Linkage.Client.Import.Fhir;

/// <summary>LOINC codes of the vital signs events-v1 knows, and the units they are converted from.</summary>
internal static class FhirVitalCodes
{
    /// <summary>LOINC code to events-v1 vital type.</summary>
    public static FrozenDictionary<string, string> Types { get; } = new Dictionary<string, string>
    {
        ["8480-6"] = "sbp",      // Systolic blood pressure
        ["8462-4"] = "dbp",      // Diastolic blood pressure
        ["8867-4"] = "hr",       // Heart rate
        ["29463-7"] = "weight",  // Body weight
        ["3141-9"] = "weight",   // Body weight Measured
        ["59408-5"] = "spo2",    // Oxygen saturation by pulse oximetry
        ["2708-6"] = "spo2",     // Oxygen saturation in Arterial blood
        ["2339-0"] = "glucose",  // Glucose [Mass/volume] in Blood
        ["15074-8"] = "glucose", // Glucose [Moles/volume] in Blood
        ["41653-7"] = "glucose", // Glucose in Capillary blood by Glucometer
        ["55423-8"] = "steps",   // Number of steps in unspecified time Pedometer
        ["41950-7"] = "steps",   // Number of steps in 24 hour Measured
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The value in the unit events-v1 uses for <paramref name="type"/> (mmHg, /min, kg, %, mg/dL, steps), or null for an unknown unit.</summary>
    public static double? Convert(string type, double value, string? unit)
    {
        var u = unit?.Trim();
        if (string.IsNullOrEmpty(u)) return value;
        return type switch
        {
            "sbp" or "dbp" => u is "mm[Hg]" or "mmHg" ? value : null,
            "hr" => u is "/min" or "{beats}/min" or "beats/min" or "bpm" or "{Beats}/min" ? value : null,
            "weight" => u switch
            {
                "kg" => value,
                "g" => value / 1000,
                "[lb_av]" or "lb" or "lbs" => Math.Round(value * 0.45359237, 3),
                _ => null,
            },
            "spo2" => u == "%" ? value : null,
            "glucose" => u switch
            {
                "mg/dL" or "mg/dl" => value,
                "mmol/L" or "mmol/l" => Math.Round(value * 18.016, 1),
                _ => null,
            },
            "steps" => u is "{steps}" or "steps" or "/d" or "{count}" or "1" or "{steps}/d" ? value : null,
            _ => null,
        };
    }
}

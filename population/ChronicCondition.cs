using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>A long-term condition: its ICD-10 code, the drug (YJ code) it is treated with and the tests that follow it.</summary>
internal sealed record ChronicCondition(string Icd10, string Drug, LabTest[] Labs, Func<int, Sex, double> Prevalence)
{
    public static readonly ChronicCondition[] All =
    [
        new("I10", "2149039F1020", [LabTest.Creatinine], (age, _) => age < 40 ? 0.01 : Math.Min(0.6, 0.05 + (age - 40) * 0.012)),
        new("E11.9", "3969007F1025", [LabTest.HbA1c, LabTest.Glucose], (age, sex) => age < 30 ? 0.002 : Math.Min(0.2, (sex == Sex.M ? 0.03 : 0.015) + (age - 30) * 0.003)),
        new("E78.5", "2189017F1026", [LabTest.Ldl], (age, _) => age < 35 ? 0.01 : 0.2),
        new("M81.0", "3999019F1020", [], (age, sex) => sex == Sex.F ? (age >= 55 ? 0.25 : 0) : (age >= 65 ? 0.05 : 0)),
        new("N18.3", "2190027F1020", [LabTest.Creatinine], (age, _) => age >= 60 ? 0.06 : 0.005),
        new("J45.9", "2290700G1029", [], (_, _) => 0.05),
        new("F32.9", "1179041F1020", [], (age, _) => age is >= 15 and <= 70 ? 0.03 : 0.005),
        new("K21.0", "2329023F1020", [], (age, _) => age >= 40 ? 0.08 : 0.01),
    ];
}

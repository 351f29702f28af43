namespace Linkage.Client.Import;

/// <summary>Turns 7-digit receipt disease codes into ICD-10 through the master, or keeps them as <c>JP:</c> + 7 digits and says so.</summary>
internal sealed class DiseaseCodeMapper(DiseaseMaster? master, Action<string> warn)
{
    /// <summary>The code for 未コード化傷病名: a disease written as text only.</summary>
    public const string Uncoded = "0000999";

    /// <summary>The events-v1 diagnosis code of a 7-digit disease code.</summary>
    public string Map(string diseaseCode)
    {
        if (diseaseCode == Uncoded)
        {
            warn($"uncoded disease names ({Uncoded}, 未コード化傷病名) are kept as {Icd10Code.Japanese(Uncoded)}");
            return Icd10Code.Japanese(diseaseCode);
        }

        if (master is null)
        {
            warn("no disease master (傷病名マスター) was given: disease codes are kept as JP: + 7 digits");
            return Icd10Code.Japanese(diseaseCode);
        }

        if (!master.Contains(diseaseCode))
        {
            warn($"disease code {diseaseCode} is not in the disease master: kept as {Icd10Code.Japanese(diseaseCode)}");
            return Icd10Code.Japanese(diseaseCode);
        }

        var icd10 = master.Icd10(diseaseCode);
        if (icd10 is null)
        {
            warn($"disease code {diseaseCode} has no ICD-10 code in the disease master: kept as {Icd10Code.Japanese(diseaseCode)}");
            return Icd10Code.Japanese(diseaseCode);
        }

        return icd10;
    }
}

namespace Linkage.Client.Import;

/// <summary>Turns 7-digit receipt disease codes into ICD-10 through the master, or keeps them as <c>JP:</c> + 7 digits and says so.</summary>
internal sealed class DiseaseCodeMapper(DiseaseMaster? master, Action<string> warn)
{
    /// <summary>The code for 未コード化傷病名: a disease written as text only.</summary>
    public const string Uncoded = "0000999";

    /// <summary>Where to get the disease master: said in every reason that needs it.</summary>
    public const string WhereToGetTheMaster =
        "the 傷病名マスター (b_ALL*.txt) of the 診療報酬情報提供サービス (MHLW, https://shinryohoshu.mhlw.go.jp/), kept in step with MEDIS-DC's 標準病名マスター; give it with --disease-master";

    /// <summary>
    /// The events-v1 diagnosis code of a MEDIS 標準病名マスター code (病名管理番号 or 病名交換用コード) through the disease
    /// master; raises a rejection saying which master to get when none was given, or that the master does not list it.
    /// </summary>
    public string MapMedis(string code, bool keyNumber, string system)
    {
        var what = keyNumber ? "MEDIS 病名管理番号" : "MEDIS 病名交換用コード";
        if (master is null)
        {
            throw new RejectedInput($"{what} {code} ({system}) has no ICD-10 without a disease master: get {WhereToGetTheMaster}");
        }

        var receiptCode = keyNumber ? master.ReceiptCodeOfKeyNumber(code) : master.ReceiptCodeOfExchangeCode(code);
        return receiptCode is null
            ? throw new RejectedInput($"{what} {code} ({system}) is not in the disease master given: a newer master may list it")
            : Map(receiptCode);
    }

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

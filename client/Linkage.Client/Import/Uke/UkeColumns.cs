namespace Linkage.Client.Import.Uke;

/// <summary>Column positions of the UKE records this importer reads, after the MHLW 記録条件仕様 (see docs/formats.md).</summary>
/// <remarks>
/// Positions are 0-based with the record id (<c>IR</c>, <c>RE</c>...) at 0, so position N is the spec's item (項目) N+1;
/// messages name columns 1-based, as the spec does. Every record keeps all its commas, empty items included.
/// </remarks>
internal static class UkeColumns
{
    /// <summary>Day columns (1日の情報..31日の情報) that follow an item record's first day column.</summary>
    public const int DayColumns = 31;

    /// <summary>Modifier codes (修飾語コード) are runs of 4-character codes.</summary>
    public const int ModifierLength = 4;

    /// <summary>修飾語 8002 「の疑い」: the diagnosis is suspected.</summary>
    public const string SuspectedModifier = "8002";

    /// <summary>主傷病 value marking the main diagnosis.</summary>
    public const string MainDiagnosis = "01";

    /// <summary>SN 負担者種別 of the medical insurance (医保), whose SN carries the branch number of the HO insurance.</summary>
    public const string InsurancePayerKind = "1";

    /// <summary>Records laid out alike in every variant.</summary>
    public static class Common
    {
        public const int FacilityPayer = 1;          // IR/YK 審査支払機関 (1 支払基金, 2 国保連)
        public const int FacilityPrefecture = 2;     // IR/YK 都道府県
        public const int FacilityScoreTable = 3;     // IR/YK 点数表 (1 医科, 3 歯科, 4 調剤)
        public const int FacilityCode = 4;           // IR/YK 医療機関コード / 薬局コード (7 digits)

        public const int ReReceiptNumber = 1;        // RE レセプト番号
        public const int ReReceiptType = 2;          // RE レセプト種別 (4 digits; 4th odd = 入院)
        public const int ReServiceMonth = 3;         // RE 診療年月 / 調剤年月 (YYYYMM)
        public const int ReName = 4;                 // RE 氏名 (kanji, or half-width katakana)
        public const int ReSex = 5;                  // RE 男女区分 (1 男, 2 女)
        public const int ReBirthDate = 6;            // RE 生年月日 (YYYYMMDD)

        public const int HoInsurer = 1;              // HO 保険者番号
        public const int HoSymbol = 2;               // HO 被保険者証等の記号 (full-width allowed)
        public const int HoNumber = 3;               // HO 被保険者証等の番号 (full-width allowed)
        public const int HoTotalPoints = 5;          // HO 合計点数

        public const int KoTotalPoints = 5;          // KO 合計点数

        public const int SnPayerKind = 1;            // SN 負担者種別 (1 医保, 2.. 公費)
        public const int SnBranch = 6;               // SN 枝番 (2 digits)

        public const int GoReceiptCount = 1;         // GO 総件数
        public const int GoTotalPoints = 2;          // GO 総合計点数
    }

    /// <summary>記録条件仕様（医科用）.</summary>
    public static class Medical
    {
        public const int IrClaimMonth = 7;           // IR 請求年月 (after 予備 and 医療機関名称)
        public const int ReKanaName = 36;            // RE カタカナ（氏名）

        public const int SyDiseaseCode = 1;          // SY 傷病名コード (7 digits)
        public const int SyModifiers = 4;            // SY 修飾語コード
        public const int SyMain = 6;                 // SY 主傷病

        public const int SiCode = 3;                 // SI 診療行為コード
        public const int SiPoints = 5;               // SI 点数
        public const int SiCount = 6;                // SI 回数
        public const int SiFirstDay = 13;            // SI 1日の情報 (after three comment code/text pairs)

        public const int IyCode = 3;                 // IY 医薬品コード
        public const int IyPoints = 5;               // IY 点数
        public const int IyCount = 6;                // IY 回数
        public const int IyFirstDay = 13;            // IY 1日の情報

        public const int ToCode = 3;                 // TO 特定器材コード
        public const int ToPoints = 5;               // TO 点数
        public const int ToCount = 6;                // TO 回数
        public const int ToFirstDay = 17;            // TO 1日の情報 (after 単位, 単価, 予備, 商品名 and three comments)
    }

    /// <summary>記録条件仕様（歯科用）.</summary>
    public static class Dental
    {
        public const int IrClaimMonth = 6;           // IR 請求年月 (no 医療機関名称 in the dental IR)
        public const int ReKanaName = 25;            // RE カタカナ（氏名）

        public const int HsDiseaseCode = 4;          // HS 傷病名コード (after 診療開始日, 転帰区分, 歯式)
        public const int HsModifiers = 5;            // HS 修飾語コード
        public const int HsMain = 9;                 // HS 主傷病

        public const int SsCode = 3;                 // SS 診療行為コード
        public const int SsPoints = 76;              // SS 点数 (after two quantities and 35 加算 code/quantity pairs)
        public const int SsCount = 77;               // SS 回数
        public const int SsFirstDay = 78;            // SS 1日の情報

        public const int SiCode = 3;                 // SI 診療行為コード
        public const int SiPoints = 5;               // SI 点数
        public const int SiCount = 6;                // SI 回数
        public const int SiFirstDay = 7;             // SI 1日の情報 (no comment columns in the dental SI)

        public const int IyCode = 3;                 // IY 医薬品コード
        public const int IyPoints = 5;               // IY 点数
        public const int IyCount = 6;                // IY 回数
        public const int IyFirstDay = 8;             // IY 1日の情報 (after 医薬品区分)

        public const int ToCode = 3;                 // TO 特定器材コード
        public const int ToPoints = 12;              // TO 点数 (after 単位, 単価, two 加算 pairs, 商品名)
        public const int ToCount = 13;               // TO 回数
        public const int ToFirstDay = 14;            // TO 1日の情報
    }

    /// <summary>記録条件仕様（調剤用）; the least certain layout here, see docs/formats.md.</summary>
    public static class Pharmacy
    {
        public const int YkClaimMonth = 6;           // YK 請求年月 (after 薬局名称; no 予備 column)
        public const int CzDispensingDay = 3;        // CZ 調剤月日 (DD, MMDD or YYYYMMDD accepted)
        public const int CzQuantity = 5;             // CZ 調剤数量 (days for 内服)
        public const int IyCode = 2;                 // IY 医薬品コード (after 負担区分)
    }
}

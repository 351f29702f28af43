namespace Linkage.Population;

/// <summary>The public health insurance schemes of Japan a generated enrolment can belong to.</summary>
internal enum InsuranceScheme
{
    /// <summary>協会けんぽ: employees of small and medium firms, one insurer per prefecture (法別番号 01).</summary>
    KyokaiKenpo,

    /// <summary>健康保険組合: a large firm's own insurer (法別番号 06).</summary>
    KenpoKumiai,

    /// <summary>共済組合: public servants and teachers (法別番号 31-34).</summary>
    Kyosai,

    /// <summary>市町村国保: the self-employed, the unemployed and most retirees; six-digit insurer numbers.</summary>
    NationalHealthInsurance,

    /// <summary>後期高齢者医療: everyone from their 75th birthday (法別番号 39).</summary>
    LateElderly,
}

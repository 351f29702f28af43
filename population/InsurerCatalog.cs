namespace Linkage.Population;

/// <summary>
/// The insurers of the generated nation: per prefecture one 協会けんぽ branch, three 健保組合, two 共済組合, three
/// municipal 国保 and the 後期高齢者医療 union. Numbers follow the real layout (法別番号 + prefecture + serial + check
/// digit); the check digit is Luhn-style, so the numbers are made up, not real insurers'.
/// </summary>
internal sealed class InsurerCatalog
{
    private readonly Dictionary<string, Insurer[]> _byPrefAndScheme = new(StringComparer.Ordinal);

    public InsurerCatalog()
    {
        foreach (var pref in Prefectures.Codes)
        {
            Add(pref, InsuranceScheme.KyokaiKenpo, [Number("01", pref, "001")]);
            Add(pref, InsuranceScheme.KenpoKumiai, [Number("06", pref, "051"), Number("06", pref, "132"), Number("06", pref, "477")]);
            Add(pref, InsuranceScheme.Kyosai, [Number("31", pref, "113"), Number("34", pref, "201")]);
            Add(pref, InsuranceScheme.NationalHealthInsurance, [Number(string.Empty, pref, "010"), Number(string.Empty, pref, "202"), Number(string.Empty, pref, "305")]);
            Add(pref, InsuranceScheme.LateElderly, [Number("39", pref, "100")]);
        }

        void Add(string pref, InsuranceScheme scheme, string[] numbers) =>
            _byPrefAndScheme[pref + ":" + scheme] = [.. numbers.Select(n => new Insurer(scheme, pref, n))];
    }

    /// <summary>An insurer of <paramref name="scheme"/> for someone living in <paramref name="pref"/>.</summary>
    public Insurer Draw(Random random, InsuranceScheme scheme, string pref)
    {
        // Many large firms' insurers sit in Tokyo whatever the employee's prefecture.
        if (scheme == InsuranceScheme.KenpoKumiai && random.NextDouble() < 0.3) pref = "13";
        var insurers = _byPrefAndScheme[pref + ":" + scheme];
        return insurers[random.Next(insurers.Length)];
    }

    private static string Number(string houbetsu, string pref, string serial)
    {
        var body = houbetsu + pref + serial;
        return body + LuhnDigit(body);
    }

    private static char LuhnDigit(string digits)
    {
        var sum = 0;
        var doubled = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            doubled = !doubled;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }
}

using System.Collections.Immutable;
using System.Globalization;

namespace Linkage.Feeds;

/// <summary>
/// The 47 prefectures of JIS X 0401 by code (<c>01</c>..<c>47</c>, the <c>pref</c> of events-v1) and name: the one
/// table the importers read names with and the OpenAPI document gives the surveillance page.
/// </summary>
public static class PrefectureTable
{
    /// <summary>The names in code order: <c>Names[0]</c> is 01 (北海道), <c>Names[46]</c> is 47 (沖縄県).</summary>
    public static ImmutableArray<string> Names { get; } =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
        "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
        "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
        "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    /// <summary>Each code with its name, in code order.</summary>
    public static IEnumerable<(string Code, string Name)> Entries =>
        Names.Select((name, i) => ((i + 1).ToString("00", CultureInfo.InvariantCulture), name));

    /// <summary>The code of a prefecture written by its name (<c>東京都</c>) or its name without 都, 府 or 県 (<c>東京</c>).</summary>
    public static string? CodeOfName(string name)
    {
        foreach (var (code, full) in Entries)
        {
            if (name == full || name == Stem(full)) return code;
        }

        return null;
    }

    /// <summary>The name without its 都, 府 or 県 (北海道 keeps 道: it is part of the name).</summary>
    public static string Stem(string name) => name == Names[0] ? name : name[..^1];
}

using System.Globalization;
using System.Text;
using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>JIS X 0401 prefecture codes (<c>01</c>..<c>47</c>) from a code or a prefecture's name, as operators' sources write them.</summary>
internal static class Prefecture
{
    private static readonly string[] Names =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
        "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
        "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
        "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    /// <summary>Reads <c>13</c>, <c>1</c>, <c>東京都</c> or <c>東京</c> as a two-digit JIS code.</summary>
    public static bool TryParse(string? text, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Normalize(NormalizationForm.FormKC).Trim();
        if (value.Length <= 2 && value.All(char.IsAsciiDigit))
        {
            // The code events-v1 takes is core's to say (01..47).
            if (FeedFormats.Prefecture(value.PadLeft(2, '0')) is not { } known) return false;
            code = known;
            return true;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            var name = Names[i];
            var stem = name == "北海道" ? name : name[..^1];
            if (value == name || value == stem)
            {
                code = (i + 1).ToString("00", CultureInfo.InvariantCulture);
                return true;
            }
        }

        return false;
    }
}

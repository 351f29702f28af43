using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>
/// Katakana surnames and given names with weights. The pools are small on purpose: with a hundred surnames and about
/// twenty given names per sex and generation, (name, birth date, sex) collide as they do in a nation, where the
/// same kana reading covers many kanji spellings (斎藤, 斉藤 and 齋藤 are all サイトウ).
/// </summary>
internal static class KanaNames
{
    /// <summary>Common surnames, weighted roughly by how many Japanese people bear them.</summary>
    public static readonly WeightedTable<string> Surnames = Table(
        "サトウ 150,スズキ 140,タカハシ 115,タナカ 105,ワタナベ 90,イトウ 85,ヤマモト 85,ナカムラ 85,コバヤシ 80,"
        + "カトウ 70,ヨシダ 65,ヤマダ 65,ササキ 55,サイトウ 60,ヤマグチ 50,マツモト 50,イノウエ 50,キムラ 45,ハヤシ 43,"
        + "シミズ 42,ヤマザキ 37,モリ 37,アベ 36,イケダ 35,ハシモト 35,ヤマシタ 33,イシカワ 33,ナカジマ 32,マエダ 31,"
        + "フジタ 31,オガワ 30,ゴトウ 29,オカダ 29,ハセガワ 28,ムラカミ 28,コンドウ 28,イシイ 27,サカモト 26,エンドウ 26,"
        + "アオキ 25,フジイ 25,ニシムラ 25,フクダ 24,オオタ 24,ミウラ 24,フジワラ 23,オカモト 23,マツダ 23,ナカガワ 23,"
        + "ナカノ 22,ハラダ 22,オノ 22,タムラ 22,タケウチ 22,カネコ 21,ワダ 21,ナカヤマ 21,イシダ 20,ウエダ 20,モリタ 20,"
        + "ハラ 20,シバタ 20,サカイ 20,クドウ 20,ヨコヤマ 19,ミヤザキ 19,ミヤモト 19,ウチダ 19,タカギ 18,アンドウ 18,"
        + "タニグチ 18,オオノ 18,マルヤマ 18,イマイ 18,タカダ 17,フジモト 17,タケダ 17,ムラタ 17,ウエノ 17,スギヤマ 17,"
        + "マスダ 16,スガワラ 16,ヒラノ 16,オオツカ 16,チバ 16,クボ 16,マツイ 16,イワサキ 16,サクライ 16,キノシタ 16,"
        + "ノグチ 15,マツオ 15,ノムラ 15,キクチ 15,サノ 15,オオニシ 15,スギモト 15,アライ 15,ヒガ 12,キンジョウ 8");

    private static readonly WeightedTable<string>[] FemaleByEra =
    [
        Zipf("カズコ,ヨシコ,ヒサコ,フミコ,ミチコ,ハルコ,トシコ,キヨコ,セツコ,サチコ,ノブコ,シズコ,テルコ,マサコ,ヤスコ,チヨコ,ハナコ,キミコ,スミコ,ミツコ"),
        Zipf("ヨウコ,ケイコ,ユミコ,クミコ,マユミ,ヒロミ,ナオミ,トモコ,ユウコ,カオリ,メグミ,キョウコ,アケミ,ジュンコ,ミホ,エミ,サユリ,ノリコ,ミユキ,ユカリ"),
        Zipf("アイ,ユイ,サキ,ミサキ,アヤ,マイ,ナナ,ユカ,モエ,ハルカ,アヤカ,ナツミ,カナ,リナ,ミズキ,アスカ,サヤカ,エリ,ユリ,ミク"),
        Zipf("ヒナ,ユイ,メイ,サクラ,リン,ユナ,ハルナ,ミオ,アオイ,ユア,ツムギ,イチカ,ヒマリ,エマ,リコ,ホノカ,ミユ,カンナ,ユヅキ,アカリ"),
    ];

    private static readonly WeightedTable<string>[] MaleByEra =
    [
        Zipf("ヒロシ,ミノル,キヨシ,イサム,マサオ,タケシ,シゲル,ススム,オサム,カズオ,トシオ,ヨシオ,テルオ,サブロウ,ジロウ,イチロウ,ヒデオ,ノボル,タダシ,マサル"),
        Zipf("マコト,ヒロシ,タカシ,アキラ,ツヨシ,サトシ,ヒロユキ,カズヤ,ノリオ,ヨシユキ,トオル,ケンジ,ジュン,ヒデキ,マサヒロ,コウジ,シンジ,ユウジ,テツヤ,マナブ"),
        Zipf("ダイスケ,ショウタ,タクヤ,ケンタ,ユウキ,ダイキ,ショウ,リョウ,カズキ,ユウタ,ナオキ,シュン,ツバサ,ハヤト,タツヤ,コウタ,リョウタ,ヒロキ,ユウスケ,ケイスケ"),
        Zipf("ハルト,ソウタ,ユウト,ミナト,ハルキ,リク,アオイ,レン,ユウマ,ソウ,イツキ,タイガ,ヒナタ,ユイト,アサヒ,カイト,リクト,ソラ,ハヤト,ユウセイ"),
    ];

    /// <summary>A given name in fashion in the person's birth year.</summary>
    public static string GivenName(Random random, Sex sex, int birthYear)
    {
        var era = birthYear < 1950 ? 0 : birthYear < 1980 ? 1 : birthYear < 2005 ? 2 : 3;
        return (sex == Sex.F ? FemaleByEra : MaleByEra)[era].Draw(random);
    }

    /// <summary>The full name as a register writes it: surname, an ideographic space, given name.</summary>
    public static string FullName(string surname, string givenName) => surname + "\u3000" + givenName;

    private static WeightedTable<string> Table(string entries) => new(
        entries.Split(',').Select(e => e.Split(' ')).Select(p => (p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Given names fall off like 1/rank: a few are very common in each generation.</summary>
    private static WeightedTable<string> Zipf(string names) =>
        new(names.Split(',').Select((name, rank) => (name, 1.0 / (rank + 1))));
}

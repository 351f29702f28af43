using System.Collections;
using System.Text;

namespace Linkage.Population;

/// <summary>Generated lines kept as UTF-8 and handed out as <see cref="FeedLine"/> strings on demand.</summary>
internal sealed class FeedLineList(string[] sources, byte[][] texts) : IReadOnlyList<FeedLine>
{
    public int Count => texts.Length;

    public FeedLine this[int index] => new(sources[index], Encoding.UTF8.GetString(texts[index]));

    public IEnumerator<FeedLine> GetEnumerator()
    {
        for (var i = 0; i < texts.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

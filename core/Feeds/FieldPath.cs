namespace Linkage.Feeds;

/// <summary>
/// The name of a field as a rejection reason spells it (<c>subject.mid</c>, <c>data.diagnoses[2].code</c>).
/// Only turned into a string when a line is rejected, so accepted lines pay nothing for it.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _parent;
    private readonly int _index;
    private readonly string? _name;

    private FieldPath(string parent, int index, string? name)
    {
        _parent = parent;
        _index = index;
        _name = name;
    }

    /// <summary>A top-level or fully spelled field, e.g. <c>date</c> or <c>data.code</c>.</summary>
    public static FieldPath Of(string path) => new(path, -1, null);

    /// <summary>A field of an object, e.g. <c>subject</c> + <c>mid</c>.</summary>
    public static FieldPath Of(string parent, string name) => new(parent, -1, name);

    /// <summary>An array item, e.g. <c>data.causes</c> + 1, or a field of one, e.g. <c>data.drugs</c> + 0 + <c>days</c>.</summary>
    public static FieldPath Of(string parent, int index, string? name = null) => new(parent, index, name);

    public override string ToString() =>
        (_index, _name) switch
        {
            (< 0, null) => _parent,
            (< 0, _) => $"{_parent}.{_name}",
            (_, null) => $"{_parent}[{_index}]",
            _ => $"{_parent}[{_index}].{_name}",
        };
}

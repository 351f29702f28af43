namespace Linkage.Client.Import.Uke;

/// <summary>One decoded UKE record: its id (<c>RE</c>, <c>HO</c>...), line number and comma-separated fields (id at 0).</summary>
internal sealed record UkeRecordLine(string Id, int Line, string[] Fields)
{
    /// <summary>The trimmed value at <paramref name="column"/>, raising a rejection naming the field when the record is too short.</summary>
    public string Field(int column, string name)
    {
        if (column >= Fields.Length)
        {
            throw new RejectedInput($"{Id} line {Line}: {name} (column {column + 1}) is missing: the record has only {Fields.Length} columns (truncated?)");
        }

        return Fields[column].Trim();
    }

    /// <summary>The trimmed value at <paramref name="column"/>, or null when the record stops before it.</summary>
    public string? OptionalField(int column) => column < Fields.Length ? Fields[column].Trim() : null;

    /// <summary>A rejection naming this record, its line and a field.</summary>
    public RejectedInput Bad(int column, string name, string problem) => new($"{Id} line {Line}: {name} (column {column + 1}) {problem}");
}

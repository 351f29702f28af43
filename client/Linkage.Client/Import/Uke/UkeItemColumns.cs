namespace Linkage.Client.Import.Uke;

/// <summary>Where an item record (SI, IY, TO, SS) keeps its code, points, count and 31 day columns.</summary>
internal sealed record UkeItemColumns(UkeItemRole Role, string CodeName, int Code, int Points, int Count, int FirstDay)
{
    /// <summary>Columns a complete record of this kind has, up to its 31st day column.</summary>
    public int MinimumFields => FirstDay + UkeColumns.DayColumns;
}

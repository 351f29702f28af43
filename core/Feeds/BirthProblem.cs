namespace Linkage.Feeds;

/// <summary>What is wrong with a birth month, if anything.</summary>
internal enum BirthProblem
{
    None,
    Shape,
    Month,
    Year,
}

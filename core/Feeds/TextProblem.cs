namespace Linkage.Feeds;

/// <summary>What is wrong with a free-text value, if anything.</summary>
internal enum TextProblem
{
    None,
    Empty,
    TooLong,
    Control,
}

namespace Linkage.Feeds;

/// <summary>Sex as events-v1 writes it: <c>M</c>, <c>F</c> or <c>U</c>.</summary>
public enum Sex
{
    M,
    F,
    U,
}

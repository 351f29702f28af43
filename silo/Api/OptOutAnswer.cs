namespace Linkage.Silo.Api;

/// <summary>The answer to <c>POST /api/v1/optout</c>: the person who opted out and how many of their records were purged.</summary>
public sealed record OptOutAnswer(string Person, int Purged);

using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>The <c>?since=</c> of api-v1's logs (audit, alerts): an ISO-8601 time, or a 400 naming it.</summary>
public static class SinceParameter
{
    /// <summary>Reads <paramref name="since"/> (absent: null); false with the problem to answer when it is no time.</summary>
    public static bool TryParse(string? since, out DateTimeOffset? from, out ProblemHttpResult problem)
    {
        (from, problem) = (null, null!);
        if (since is null) return true;
        if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            from = parsed;
            return true;
        }

        problem = TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed time",
            detail: $"since: \"{since}\" is not an ISO-8601 time such as 2026-11-24T03:12:09Z");
        return false;
    }
}

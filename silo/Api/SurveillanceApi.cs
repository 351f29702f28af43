using System.Globalization;
using System.Text;
using Linkage.Audit;
using Linkage.Cohorts;
using Linkage.Surveillance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkage.Silo.Api;

/// <summary>
/// surveillance-v1's indicators (<c>PUT/GET/DELETE /api/v1/surveillance/indicators/{name}</c>, the list) and their daily
/// series with EARS statistics (<c>.../series</c>, NDJSON), for the authority; every call audited.
/// </summary>
public static class SurveillanceApi
{
    private const string Indicators = "/api/v1/surveillance/indicators";

    public static IEndpointRouteBuilder MapSurveillanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut(Indicators + "/{name}", Define).WithName("DefineIndicator").WithTags("Surveillance")
            .WithSummary("Define an indicator").WithDescription("A surveillance-v1 indicator: anyOf cohort-v1 criteria and episodeDays; it covers every record already acknowledged.");
        endpoints.MapGet(Indicators + "/{name}", Get).WithName("Indicator").WithTags("Surveillance").WithSummary("An indicator");
        endpoints.MapDelete(Indicators + "/{name}", Delete).WithName("DeleteIndicator").WithTags("Surveillance").WithSummary("End an indicator");
        endpoints.MapGet(Indicators, List).WithName("Indicators").WithTags("Surveillance").WithSummary("The indicators");
        endpoints.MapGet(Indicators + "/{name}/series", Series).WithName("IndicatorSeries").WithTags("Surveillance")
            .WithSummary("An indicator's daily series")
            .WithDescription("NDJSON, one line per day and prefecture (?pref= a prefecture, unknown or all; every series when absent; ?from=, ?to= dates): count and EARS c1, c2, c3 (null where the baseline is incomplete) and the alarms.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Define(
        string name, HttpContext context, IGrainFactory grains, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IndicatorDefinitionParser.IsName(name)) return BadName(name);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var (definition, problems) = IndicatorDefinitionParser.Parse(await reader.ReadToEndAsync(cancellationToken));
        if (definition is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed indicator",
                detail: string.Join("; ", problems), extensions: new Dictionary<string, object?> { ["errors"] = problems });
        }

        await grains.GetGrain<IIndicatorGrain>(name).Define(definition);
        var json = IndicatorJson.ToJson(name, definition);
        await AuditAsync(context, audit, clock, "define " + json, null, cancellationToken);
        return TypedResults.Content(json, "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(
        string name, HttpContext context, IGrainFactory grains, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IndicatorDefinitionParser.IsName(name)) return BadName(name);
        if (await grains.GetGrain<IIndicatorGrain>(name).Get() is not { } definition) return NotFound(name);
        await AuditAsync(context, audit, clock, "indicator " + name, null, cancellationToken);
        return TypedResults.Content(IndicatorJson.ToJson(name, definition), "application/json");
    }

    /// <summary>Ends an indicator; the answer is the indicator that was ended (api-v1: "the indicator").</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Delete(
        string name, HttpContext context, IGrainFactory grains, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IndicatorDefinitionParser.IsName(name)) return BadName(name);
        var indicator = grains.GetGrain<IIndicatorGrain>(name);
        if (await indicator.Get() is not { } definition || !await indicator.Delete()) return NotFound(name);
        await AuditAsync(context, audit, clock, "delete " + name, null, cancellationToken);
        return TypedResults.Content(IndicatorJson.ToJson(name, definition), "application/json");
    }

    private static async Task<ContentHttpResult> List(HttpContext context, IGrainFactory grains, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var name in await grains.GetGrain<IIndicatorCatalogGrain>(0).List())
        {
            if (await grains.GetGrain<IIndicatorGrain>(name).Get() is { } definition) parts.Add(IndicatorJson.ToJson(name, definition));
        }

        await AuditAsync(context, audit, clock, "indicators", parts.Count, cancellationToken);
        return TypedResults.Content("[" + string.Join(",", parts) + "]", "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Series(
        string name, string? pref, string? from, string? to, HttpContext context, IGrainFactory grains, IndexQueries queries,
        IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IndicatorDefinitionParser.IsName(name)) return BadName(name);
        int? onePref = null;
        if (pref is not null && pref != PrefectureNames.All)
        {
            if (!PrefectureNames.TryParse(pref, out var parsed)) return Bad($"pref: \"{pref}\" is not a prefecture code 01..47, unknown or all");
            onePref = parsed;
        }

        if (!TryDay(from, "from", out var first, out var problem) || !TryDay(to, "to", out var last, out problem)) return problem;
        if (await grains.GetGrain<IIndicatorGrain>(name).Get() is not { } definition) return NotFound(name);

        var series = IndicatorSeries.Merge(await queries.RunAsync<IndicatorPartial>(new IndicatorQuery(definition), cancellationToken));
        IEnumerable<int?> prefs = pref is null ? series.Prefectures.Select(p => (int?)p).Prepend(null) : [onePref];
        var body = new StringBuilder();
        var lines = 0;
        foreach (var p in prefs)
        {
            var counts = series.Counts(p);
            var ears = series.Statistics(p);
            var prefName = p is { } code ? PrefectureNames.Of(code) : PrefectureNames.All;
            for (var t = 0; t < series.Days; t++)
            {
                var day = DateOnly.FromDayNumber(series.FirstDay + t);
                if (day < first || day > last) continue;
                body.Append(IndicatorJson.SeriesLine(day, prefName, counts[t], ears[t])).Append('\n');
                lines++;
            }
        }

        await AuditAsync(context, audit, clock, $"series {name} pref={pref ?? "every"} from={from} to={to}", lines, cancellationToken);
        return TypedResults.Content(body.ToString(), "application/x-ndjson");
    }

    private static bool TryDay(string? text, string field, out DateOnly day, out ProblemHttpResult problem)
    {
        (day, problem) = (field == "from" ? DateOnly.MinValue : DateOnly.MaxValue, null!);
        if (text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        problem = Bad($"{field}: \"{text}\" is not a date (YYYY-MM-DD)");
        return false;
    }

    private static Task AuditAsync(HttpContext context, IAuditLog audit, TimeProvider clock, string what, long? count, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry { At = clock.GetUtcNow(), Key = ApiKeyId.Of(context.User), Action = AuditAction.Surveillance, What = what, Count = count }, cancellationToken);

    private static ProblemHttpResult BadName(string name) => Bad($"name: \"{name}\" is not an indicator name ([a-z0-9][a-z0-9-]{{0,63}})");

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request", detail: detail);

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such indicator", detail: $"no indicator is named \"{name}\"");
}

using System.Text.Json.Nodes;
using Linkage.Feeds;
using Linkage.Surveillance;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Linkage.Silo.OpenApi.CohortOpenApiTransformer;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// The prefectures of surveillance-v1's series: a <c>Prefecture</c> component (the codes, and their names in
/// <see cref="NamesExtension"/>, from core's <see cref="PrefectureTable"/>), referenced by the series' <c>pref</c>
/// parameter. The surveillance page reads the names from here rather than keeping a list of its own.
/// </summary>
public sealed class SurveillanceOpenApiTransformer : IOpenApiDocumentTransformer
{
    public const string PrefectureSchema = "Prefecture";

    /// <summary>The extension mapping each prefecture code to its name and its short name (without 都, 府 or 県).</summary>
    public const string NamesExtension = "x-linkage-prefecture-names";

    private const string SeriesOperation = "IndicatorSeries";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var names = new JsonObject();
        foreach (var (code, name) in PrefectureTable.Entries) names[code] = new JsonObject { ["name"] = name, ["short"] = PrefectureTable.Stem(name) };
        var prefecture = Enumeration(PrefectureTable.Entries.Select(e => e.Code), $"A prefecture by its JIS X 0401 code; the names are in {NamesExtension}.");
        prefecture.Extensions = new Dictionary<string, IOpenApiExtension> { [NamesExtension] = new JsonNodeExtension(names) };
        document.Components.Schemas[PrefectureSchema] = prefecture;

        var operation = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).FirstOrDefault(o => o.OperationId == SeriesOperation)
            ?? throw new InvalidOperationException($"the OpenAPI document has no operation {SeriesOperation}");
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "pref") is { } pref)
        {
            pref.Description = "A prefecture, unknown (no prefecture on the record) or all; every series when absent.";
            pref.Schema = new OpenApiSchema
            {
                AnyOf = [new OpenApiSchemaReference(PrefectureSchema, document), Enumeration([PrefectureNames.Unknown, PrefectureNames.All], "No prefecture, or the whole country.")],
            };
        }

        return Task.CompletedTask;
    }
}

using Linkage.Silo.OpenApi;
using Scalar.AspNetCore;

namespace Linkage.Silo.Hosting;

/// <summary>The API's description: the OpenAPI document ASP.NET Core generates from the routes, and a browsable reference of it.</summary>
public static class LinkageOpenApiExtensions
{
    /// <summary>The document's name: it is served at <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    /// <summary>The research workbench (<c>wwwroot/workbench/</c>).</summary>
    public const string WorkbenchPath = "/workbench/";

    /// <summary>The browsable API reference (Scalar, its script served from its package).</summary>
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddLinkageOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            // The API's routes only; the dashboard's own endpoints are not part of api-v1.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<LinkageDocumentTransformer>();
            o.AddDocumentTransformer<CohortOpenApiTransformer>();
            o.AddDocumentTransformer<BenchmarkOpenApiTransformer>();
            o.AddDocumentTransformer<SafetyOpenApiTransformer>();
            o.AddDocumentTransformer<SurveillanceOpenApiTransformer>();
            o.AddOperationTransformer<ApiRoleTransformer>();
        });

    /// <summary>Maps <c>/openapi/v1.json</c> and the reference at <see cref="ReferencePath"/>.</summary>
    public static IEndpointRouteBuilder MapLinkageOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("Linkage API reference")
            // Absolute: a relative pattern would be read under the reference's own path.
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(LinkageDocumentTransformer.ApiKeyScheme)
            // Nothing is fetched from elsewhere: no web fonts, no telemetry, no AI agent.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return endpoints;
    }
}

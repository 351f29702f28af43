using Linkage.Silo.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// The document's frame: its title and the contracts it stands for, the bearer key scheme, and the host's
/// endpoints that are not minimal-API routes (health, metrics, the workbench).
/// </summary>
public sealed class LinkageDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The name of the bearer key scheme in the document's components.</summary>
    public const string ApiKeyScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Linkage API",
            Version = "v1",
            Description = "Linkage's HTTP surface (docs/contracts/api-v1.md): operators stream events-v1 NDJSON in, research clients " +
                          "count cohorts (cohort-v1) with small cells suppressed, administrators read people, links and the audit log. " +
                          "Every `/api` call carries `Authorization: Bearer KEY`; each operation names the role its key needs. " +
                          $"Errors are `application/problem+json` with a reason. The research workbench is at [{LinkageOpenApiExtensions.WorkbenchPath}]({LinkageOpenApiExtensions.WorkbenchPath}).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key configured on the host (Linkage:Api:Keys), with one or more roles: operator, researcher, authority, admin.",
        };

        document.Paths ??= [];
        Get(document, "/health/live", "Live", "Health", "200 while the process runs.", "application/json");
        Get(document, "/health/ready", "Ready", "Health", "200 when storage is reachable and the silo is in the cluster; 503 with the reason otherwise.", "application/json", "503");
        Get(document, LinkageTelemetryExtensions.MetricsPath, "Metrics", "Operations", "Prometheus text: Linkage's own series, named `linkage_...` (loopback or an operations network).", "text/plain");
        Get(document, LinkageOpenApiExtensions.WorkbenchPath, "Workbench", "Research", "The research workbench page; it asks for a researcher key.", "text/html");
        return Task.CompletedTask;
    }

    /// <summary>The name of <see cref="ProblemSchema"/> in the document's components.</summary>
    public const string ProblemSchemaName = "Problem";

    /// <summary>A problem+json response, its schema <see cref="ProblemSchema"/> by reference.</summary>
    public static OpenApiResponse ProblemResponse(OpenApiDocument document, string description)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchemaName, ProblemSchema);
        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaName, document) },
            },
        };
    }

    /// <summary>RFC 9457 problem details as the API writes them; a malformed cohort definition adds <c>errors</c>.</summary>
    public static readonly OpenApiSchema ProblemSchema = new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The reason, one a person can act on." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "400 for a cohort definition: every problem, each starting with the JSON field path (`require[0].from: ...`).",
            },
        },
    };

    private static void Get(OpenApiDocument document, string path, string id, string tag, string description, string contentType, params string[] other)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = description, Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() } },
        };
        foreach (var status in other) responses[status] = new OpenApiResponse { Description = description, Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() } };
        document.Paths[path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = id,
                    Summary = description,
                    Tags = new HashSet<OpenApiTagReference> { new(tag, document) },
                    Responses = responses,
                },
            },
        };
    }
}

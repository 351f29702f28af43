using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// Describes each operation's access from the endpoint's own metadata, so that the document cannot drift from the
/// routes: the roles <c>LinkageRoutes</c> gives it, the bearer key it needs, and the problem answers every
/// <c>/api</c> call can get (401, 403, 429 where rate limited, 503).
/// </summary>
public sealed class ApiRoleTransformer : IOpenApiOperationTransformer
{
    /// <summary>The extension naming the roles an operation needs.</summary>
    public const string RolesExtension = "x-linkage-roles";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // LinkageRoutes gives each group its roles as one AuthorizeAttribute whose Roles any key may carry one of.
        var roles = metadata.OfType<IAuthorizeData>().SelectMany(a => (a.Roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        operation.Responses ??= [];
        if (roles.Count > 0)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(LinkageDocumentTransformer.ApiKeyScheme, context.Document)] = [] }];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. roles.Select(r => (System.Text.Json.Nodes.JsonNode)r)]));
            operation.Description = $"Role: {string.Join(", ", roles)}. " + operation.Description;
            Problem(operation, context.Document!, "401", "No valid key: send `Authorization: Bearer KEY`.");
            Problem(operation, context.Document!, "403", $"The key does not carry the role {string.Join(", ", roles)}.");
        }

        // The rate limiter is global: every request counts, against its key or, without one, its address.
        Problem(operation, context.Document!, "429", "Past the key's rate limit (the address's, without a valid key): try again after `Retry-After`.");
        Problem(operation, context.Document!, "503", "Storage, cluster or ingest unavailable or behind: nothing of the request was acknowledged; send it again after `Retry-After`.");
        return Task.CompletedTask;
    }

    private static void Problem(OpenApiOperation operation, OpenApiDocument document, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = LinkageDocumentTransformer.ProblemResponse(document, description);
    }
}

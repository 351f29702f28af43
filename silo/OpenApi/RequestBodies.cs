using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// Describes the body of an endpoint that reads its request stream itself. Unlike <c>Accepts</c>, which routing
/// enforces (a wrong content type would be refused before the handler could give its own reason), this only describes.
/// </summary>
public static class RequestBodies
{
    /// <summary>An NDJSON body: one JSON value per line.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Ndjson(string description) =>
        (operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/x-ndjson"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        };
}

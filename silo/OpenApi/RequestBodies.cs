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

    /// <summary>A JSON object holding one token: <c>{"token": "..."}</c>.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Token(string description) =>
        (operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "token" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["token"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A mid., id1. or id2. token of 22 base64url characters." },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        };
}

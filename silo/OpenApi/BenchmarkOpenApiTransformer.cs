using System.Text.Json.Nodes;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Linkage.Silo.OpenApi.CohortOpenApiTransformer;

namespace Linkage.Silo.OpenApi;

/// <summary>Describes <c>POST /api/v1/benchmarks</c>'s body and answer (benchmark-v1); its indicator is the cohort-v1 definition's schema.</summary>
public sealed class BenchmarkOpenApiTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The operation described (the route's name).</summary>
    public const string OperationId = "Benchmark";

    private const string RequestSchema = "BenchmarkRequest";
    private const string AnswerSchema = "BenchmarkAnswer";

    /// <summary>The contract's example request.</summary>
    public const string Example = """
        {"indicator":{"entry":{"kind":"receipt","code":"I21"},"period":{"from":"2021-01-01","to":"2023-12-31"},
                      "outcome":{"kind":"death","from":0,"to":30}},
         "adjust":["sex","age10"],"limits":[0.95,0.998],"overdispersion":false,"minCell":10}
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[RequestSchema] = Request(document);
        document.Components.Schemas[AnswerSchema] = Answer();

        var operation = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).FirstOrDefault(o => o.OperationId == OperationId)
            ?? throw new InvalidOperationException($"the OpenAPI document has no operation {OperationId}");
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A benchmark-v1 request (docs/contracts/benchmark-v1.md); only `indicator` is required, unknown fields are refused.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(RequestSchema, document), Example = JsonNode.Parse(Example) },
            },
        };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The benchmark-v1 answer: facilities with at least minCell people, observed counts withheld where small.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(AnswerSchema, document) } },
        };
        operation.Responses["400"] = LinkageDocumentTransformer.ProblemResponse(document,
            "A malformed request: `detail` joins every problem, `errors` lists them, each starting with its JSON field path.");
        return Task.CompletedTask;
    }

    private static OpenApiSchema Request(OpenApiDocument document)
    {
        var schema = Object("A benchmark-v1 request: an indicator and how facilities are compared on it.",
            ("indicator", Described(new OpenApiSchemaReference(DefinitionSchema, document),
                "A cohort-v1 definition with an `outcome` (required); `groupBy` and `survival` are not allowed. People are attributed to their entry receipt's facility.")),
            ("adjust", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Enumeration([GroupValues.Name(GroupKey.Sex), GroupValues.Name(GroupKey.Age10), GroupValues.Name(GroupKey.Pref)], "An adjustment key, at entry."),
                Description = "The strata of indirect standardisation (default [\"sex\", \"age10\"]).",
            }),
            ("limits", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Number("A two-sided coverage, strictly between 0 and 1."),
                Description = "The funnel's coverages (default [0.95, 0.998]); the flag is taken at the widest.",
            }),
            ("overdispersion", new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = JsonValue.Create(false), Description = "Widen the limits by the winsorised additive random-effects variance τ² (Spiegelhalter 2005)." }),
            ("minCell", new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(CohortDefinition.DefaultMinCell), Description = "No count of people from 1 to minCell - 1 is published or derivable; never below the server's floor." }));
        schema.Required = new HashSet<string> { "indicator" };
        schema.AdditionalPropertiesAllowed = false;
        return schema;
    }

    private static OpenApiSchema Answer()
    {
        var ratio = (string description) => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = description };
        var flag = Enumeration(Enum.GetValues<FunnelFlag>().Select(BenchmarkAnswerJson.Name), "Where the SMR lies against the limits.");
        var limit = Object("The control limits at one coverage, rounded to 4 decimals.",
            ("coverage", Number("The coverage.")), ("low", Number("1 - z·sqrt(1/E + τ²), not below 0.")),
            ("high", ratio("1 + z·sqrt(1/E + τ²); null when nothing is expected.")));
        var facility = Object("A facility with at least minCell people.",
            ("facility", Text("A pseudonym (`f.` and 12 base64url characters) for researchers; the 10-digit code for the authority.")),
            ("n", Integer("People attributed to it.")),
            ("observed", new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Description = "People with the outcome; null when it or n minus it is from 1 to minCell - 1, or to keep such a count from being worked out." }),
            ("expected", Number("Expected outcomes under the reference rates, rounded to 3 decimals.")),
            ("smr", ratio("observed / expected, rounded to 4 decimals; null with observed, or when nothing is expected.")),
            ("limits", new OpenApiSchema { Type = JsonSchemaType.Array, Items = limit }),
            ("flag", flag),
            ("flags", new OpenApiSchema { Type = JsonSchemaType.Array, Items = flag, Description = "The flag at each coverage, in the request's order." }),
            ("complementary", new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Present (true) when `observed` is null only so that no small count can be worked out." }));
        return Object("A benchmark-v1 answer.",
            ("asOf", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "The query saw every record acknowledged before this moment." }),
            ("minCell", Integer("The small-cell threshold applied.")),
            ("adjust", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("An adjustment key.") }),
            ("unattributed", new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Description = "People whose entry has no facility; null when from 1 to minCell - 1." }),
            ("tau2", Number("The random-effects variance added to the limits (0 without overdispersion).")),
            ("facilities", new OpenApiSchema { Type = JsonSchemaType.Array, Items = facility }),
            ("suppressed", Integer("How many facilities have their observed count withheld.")));
    }
}

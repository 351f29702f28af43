using System.Text.Json.Nodes;
using Linkage.Safety;
using Linkage.Silo.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Linkage.Silo.OpenApi.CohortOpenApiTransformer;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// Describes <c>POST /api/v1/safety/ssa</c>'s body and answer (safety-v1), which the endpoint reads and writes by hand;
/// the request's fields come from the parser's own list, its criteria are cohort-v1's schema.
/// </summary>
public sealed class SafetyOpenApiTransformer : IOpenApiDocumentTransformer
{
    private const string RequestSchema = "SsaRequest";
    private const string AnswerSchema = "SsaAnswer";

    /// <summary>The contract's example request.</summary>
    public const string Example = """
        {"index":{"kind":"medication","code":"2149039"},"marker":{"kind":"receipt","code":"K29"},
         "window":365,"runIn":365,"period":{"from":"2019-01-01","to":"2024-12-31"},"minCell":10}
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[RequestSchema] = Request(document);
        document.Components.Schemas[AnswerSchema] = Answer();

        var operation = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).FirstOrDefault(o => o.OperationId == SafetyApi.SsaOperation)
            ?? throw new InvalidOperationException($"the OpenAPI document has no operation {SafetyApi.SsaOperation}");
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A safety-v1 sequence symmetry request (docs/contracts/safety-v1.md); `index` and `marker` are required, unknown fields are refused.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(RequestSchema, document), Example = JsonNode.Parse(Example) },
            },
        };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The safety-v1 answer: the attrition table and the ratios of the pair, or a screening's rows.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(AnswerSchema, document) } },
        };
        operation.Responses["400"] = LinkageDocumentTransformer.ProblemResponse(document,
            "A malformed request: `detail` joins every problem, `errors` lists them, each starting with its JSON field path.");
        DescribeMonitorStart(document);
        return Task.CompletedTask;
    }

    /// <summary>The monitor example of safety-v1.</summary>
    public const string MonitorExample = """
        {"name":"arb-angioedema","exposure":{"kind":"medication","code":"2149"},"outcome":{"kind":"receipt","code":"T78.3"},
         "risk":{"from":1,"to":28},"control":{"from":43,"to":70},"runIn":365,"alpha":0.05,"minEvents":4,"maxEvents":200}
        """;

    private static void DescribeMonitorStart(OpenApiDocument document)
    {
        var operation = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).FirstOrDefault(o => o.OperationId == SafetyMonitorsApi.StartOperation)
            ?? throw new InvalidOperationException($"the OpenAPI document has no operation {SafetyMonitorsApi.StartOperation}");
        var criterion = new OpenApiSchemaReference(CriterionSchema, document);
        var window = (string description) => Object(description, ("from", Integer("First day after the exposure's first date.")), ("to", Integer("Last day (inclusive).")));
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in MonitorDefinitionParser.DefinitionFields)
        {
            properties[field] = field switch
            {
                "name" => Text("1 to 64 of a-z, 0-9, - and _: the monitor's path segment."),
                "exposure" => Described(criterion, "The exposure whose incident first date starts each person's windows."),
                "outcome" => Described(criterion, "The outcome counted in the risk or the control window (the earliest per person)."),
                "risk" => window("The risk window, in days after the exposure."),
                "control" => window("The control window, in days after the exposure; it must not overlap the risk window."),
                "runIn" => Days(SsaRequest.DefaultRunIn, 0, "Days from observation start before an exposure is incident."),
                "alpha" => new OpenApiSchema { Type = JsonSchemaType.Number, Default = JsonValue.Create(MonitorDefinition.DefaultAlpha), Description = "The probability of a signal under the null the boundary may spend." },
                "minEvents" => new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(MonitorDefinition.DefaultMinEvents), Description = "No signal before this many events." },
                "maxEvents" => new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(MonitorDefinition.DefaultMaxEvents), Description = "The monitor is exhausted at this many events without a signal." },
                _ => throw new InvalidOperationException($"monitor field '{field}' is not described in the OpenAPI document"),
            };
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A safety-v1 monitor (docs/contracts/safety-v1.md); unknown fields are refused.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object, Properties = properties, AdditionalPropertiesAllowed = false,
                        Required = new HashSet<string> { "name", "exposure", "outcome", "risk", "control" },
                    },
                    Example = JsonNode.Parse(MonitorExample),
                },
            },
        };
        operation.Responses ??= [];
        operation.Responses["400"] = LinkageDocumentTransformer.ProblemResponse(document,
            "A malformed monitor: `detail` joins every problem, `errors` lists them, each starting with its JSON field path.");
        operation.Responses["409"] = LinkageDocumentTransformer.ProblemResponse(document, "A monitor of this name already watches another pair.");
    }

    private static OpenApiSchema Request(OpenApiDocument document)
    {
        var criterion = new OpenApiSchemaReference(CriterionSchema, document);
        var screen = Object("A screening: every code of this length as a marker (receipt `codeLength`: diagnoses, receipt `drugLength`: drugs, medication: codes).",
            ("kind", Enumeration(["receipt", "medication"], "The kind whose codes are screened.")),
            ("codeLength", Integer("Characters of the code prefixes screened.")),
            ("drugLength", Integer("Characters of the receipt drug code prefixes screened.")));
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in SsaRequestParser.RequestFields)
        {
            properties[field] = field switch
            {
                "index" => Described(criterion, "The drug (or other event) whose first date is the index date tA (a cohort-v1 criterion, no window)."),
                "marker" => new OpenApiSchema { OneOf = [criterion, screen], Description = "The outcome whose first date is tB, or a screening's code length." },
                "window" => Days(SsaRequest.DefaultWindow, 1, "Days between tA and tB within which a sequence counts."),
                "runIn" => Days(SsaRequest.DefaultRunIn, 0, "Days from a person's observation start before a first date is incident."),
                "period" => Object("First dates outside it are treated as absent (inclusive).", ("from", Date()), ("to", Date())),
                "minCell" => new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(10), Description = "Counts from 1 to minCell - 1 are suppressed (researchers); never below the server's floor." },
                _ => throw new InvalidOperationException($"request field '{field}' is not described in the OpenAPI document"),
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A safety-v1 sequence symmetry request.",
            Required = new HashSet<string> { "index", "marker" },
            Properties = properties,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static OpenApiSchema Days(int absent, int min, string description) => new()
    {
        Type = JsonSchemaType.Integer, Default = JsonValue.Create(absent), Minimum = min.ToString(), Maximum = SsaRequest.MaxDays.ToString(), Description = description,
    };

    private static OpenApiSchema Answer()
    {
        var count = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Description = "Null when suppressed (researchers)." };
        var ratio = (string description) => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = description };
        (string, IOpenApiSchema)[] ratios =
        [
            ("nAB", count), ("nBA", count),
            ("csr", ratio("Crude sequence ratio nAB / nBA, 4 decimals.")),
            ("nsr", ratio("Null-effect sequence ratio from the population's incidence, 4 decimals.")),
            ("asr", ratio("Adjusted sequence ratio csr / nsr, 4 decimals.")),
            ("asrLow", ratio("Lower end of the 95% Jeffreys interval of asr.")),
            ("asrHigh", ratio("Upper end of the 95% Jeffreys interval of asr.")),
            ("p", ratio("One-sided exact binomial p, 6 significant digits.")),
            ("signal", new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null, Description = "asrLow above 1 (a pair) or q at most 0.05 (a screening); null when suppressed." }),
        ];
        var row = Object("One marker code of a screening.", [("code", Text("The marker code.")), .. ratios, ("q", ratio("Benjamini–Hochberg adjusted p over every code screened."))]);
        return Object("A safety-v1 sequence symmetry answer.",
        [
            ("asOf", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "The analysis saw every record acknowledged before this moment." }),
            ("minCell", Integer("The small-cell threshold applied (1 when exact).")),
            ("exact", new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Present (true) for the authority role: no count suppressed." }),
            ("perturbed", new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Optional: present (true) when the deployment perturbs researchers' counts (cohort-v1's cell-key method, at most 2 from the exact count); the ratios, interval, p and q are then computed from the perturbed nAB and nBA." }),
            ("attrition", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Object("One step.", ("step", Text("people, incident index, incident marker, both, within window, without ties.")), ("count", count)) }),
            .. ratios,
            ("screened", Integer("A screening's codes screened.")),
            ("suppressedRows", Integer("A screening's rows left out because a count had to be suppressed.")),
            ("rows", new OpenApiSchema { Type = JsonSchemaType.Array, Items = row, Description = "A screening's rows, highest asrLow first." }),
            ("sequenceDays", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Optional (a single pair): the sequences by days from index to marker (tB - tA), in bins of equal width on both sides; a count is null when suppressed (researchers).",
                Items = Object("One bin.", ("from", Integer("First day of the bin (negative: the marker came first).")), ("to", Integer("Last day (inclusive).")), ("count", count)),
            }),
        ]);
    }
}

using System.Text.Json.Nodes;
using Linkage.Cohorts;
using Linkage.Feeds;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkage.Silo.OpenApi;

/// <summary>
/// Describes <c>POST /api/v1/cohorts/count</c>'s body and answer (cohort-v1), which the endpoint reads and writes by
/// hand: the fields come from the parser's own lists, so a field the parser takes is never missing here.
/// </summary>
public sealed class CohortOpenApiTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The operation described (the route's name).</summary>
    public const string OperationId = "CountCohort";

    /// <summary>The extension listing, per criterion kind, the fields it may give (the workbench's form reads it).</summary>
    public const string KindFieldsExtension = "x-linkage-kind-fields";

    /// <summary>The component schema of a cohort-v1 definition (a benchmark's indicator refers to it).</summary>
    internal const string DefinitionSchema = "CohortDefinition";

    /// <summary>The criterion schema, shared by every contract whose requests are made of cohort-v1 criteria.</summary>
    internal const string CriterionSchema = "CohortCriterion";
    private const string AnswerSchema = "CohortAnswer";

    /// <summary>The contract's example definition.</summary>
    public const string Example = """
        {"entry":{"kind":"receipt","code":"E11"},"period":{"from":"2020-01-01","to":"2024-12-31"},
         "require":[{"kind":"lab","code":"3D046","min":8.0,"from":0,"to":180}],
         "exclude":[{"kind":"receipt","code":"E10","from":-365,"to":-1}],
         "age":{"min":40,"max":74},"sex":"F","pref":["13","14"],"outcome":{"kind":"death","from":0,"to":365},
         "groupBy":["sex","age10","pref","entryYear","outcome"],"minCell":10}
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[CriterionSchema] = Criterion();
        document.Components.Schemas[DefinitionSchema] = Definition(document);
        document.Components.Schemas[AnswerSchema] = Answer();

        var operation = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).FirstOrDefault(o => o.OperationId == OperationId)
            ?? throw new InvalidOperationException($"the OpenAPI document has no operation {OperationId}");
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A cohort-v1 definition (docs/contracts/cohort-v1.md); only `entry` is required, unknown fields are refused.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(DefinitionSchema, document), Example = JsonNode.Parse(Example) },
            },
        };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The cohort-v1 answer: counts from 1 to minCell - 1 are null (suppressed), and with survival a life table per group.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(AnswerSchema, document) } },
        };
        operation.Responses["400"] = LinkageDocumentTransformer.ProblemResponse(document,
            "A malformed definition: `detail` joins every problem, `errors` lists them, each starting with its JSON field path.");
        return Task.CompletedTask;
    }

    private static OpenApiSchema Criterion()
    {
        var kinds = Enum.GetValues<EventKind>();
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["kind"] = Enumeration(kinds.Select(EventKinds.Name), "The kind of event the criterion matches."),
        };
        foreach (var field in kinds.SelectMany(k => CriterionTable.Of(k).Fields).Distinct()) properties[field] = CriterionField(field);
        properties["from"] = Integer("First day of the window, relative to the entry date (inclusive; not in `entry`).");
        properties["to"] = Integer("Last day of the window, relative to the entry date (inclusive; not in `entry`).");

        var byKind = new JsonObject();
        foreach (var kind in kinds) byKind[EventKinds.Name(kind)] = new JsonArray([.. CriterionTable.Of(kind).Fields.Select(f => (JsonNode)f)]);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Matches an event of `kind` when every field it gives holds (codes by prefix, bounds inclusive); the fields each kind may give are in x-linkage-kind-fields.",
            Required = new HashSet<string> { "kind" },
            Properties = properties,
            AdditionalPropertiesAllowed = false,
            Extensions = new Dictionary<string, IOpenApiExtension> { [KindFieldsExtension] = new JsonNodeExtension(byKind) },
        };
    }

    private static OpenApiSchema CriterionField(string field) => field switch
    {
        "code" => Text("A code, matched by prefix: receipt ICD-10 diagnosis (not suspected), lab test, drug, surgery procedure or death cause."),
        "procedure" => Text("A receipt's procedure code (prefix)."),
        "drug" => Text("A receipt's drug code (prefix)."),
        "min" => Number("Lowest value, inclusive (lab and vital `value`, maternal `birthWeight`)."),
        "max" => Number("Highest value, inclusive."),
        "complication" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "A surgery with (true) or without (false) a complication." },
        "type" => Text("A vital's type (events-v1: sbp, dbp, hr, weight, steps, spo2, glucose)."),
        "entry" => Text("A maternal record's entry (events-v1: checkup, delivery, infant, vaccine)."),
        _ => throw new InvalidOperationException($"criterion field '{field}' is not described in the OpenAPI document"),
    };

    private static OpenApiSchema Definition(OpenApiDocument document)
    {
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in CohortDefinitionParser.DefinitionFields) properties[field] = DefinitionField(field, document);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A cohort-v1 definition: who enters the cohort, when, and how the count is grouped.",
            Required = new HashSet<string> { "entry" },
            Properties = properties,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static IOpenApiSchema DefinitionField(string field, OpenApiDocument document)
    {
        var criterion = new OpenApiSchemaReference(CriterionSchema, document);
        return field switch
        {
            "entry" => Described(criterion, "The entry date is the earliest date of the person's events that match it (inside `period`)."),
            "period" => Object("The dates entry events must fall between (inclusive).", ("from", Date()), ("to", Date())),
            "require" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = criterion, Description = "Each needs a matching event inside its window." },
            "exclude" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = criterion, Description = "A matching event inside its window drops the person." },
            "age" => Object("Age at entry in whole years, inclusive.", ("min", Integer("Youngest age.")), ("max", Integer("Oldest age."))),
            "sex" => Enumeration(Enum.GetValues<Sex>().Select(GroupValues.Sex), "The person's sex (the latest record's)."),
            "pref" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("A prefecture code, 01 to 47."), Description = "The person's prefecture is one of these." },
            "outcome" => Described(criterion, "Adds `yes` or `no` per person: a matching event inside its window."),
            "groupBy" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Enumeration(GroupValues.Names, "A group key."), Description = "The keys the count is grouped by." },
            "minCell" => new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(CohortDefinition.DefaultMinCell), Description = "Counts from 1 to minCell - 1 are suppressed; never below the server's floor." },
            "survival" => Object("A life table of the time from entry to `outcome` (which it needs; `outcome.from` absent or 0).",
                ("step", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = SurvivalRequest.MinStep.ToString(), Maximum = SurvivalRequest.MaxStep.ToString(), Description = "Interval length in days." })),
            _ => throw new InvalidOperationException($"definition field '{field}' is not described in the OpenAPI document"),
        };
    }

    private static OpenApiSchema Answer()
    {
        var count = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer | JsonSchemaType.Null,
            Description = "Null when from 1 to minCell - 1 (suppressed), or when a reader could otherwise work one out (complementary suppression).",
        };
        var flag = (string description) => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = description };
        var key = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Text("A group key's value."), Description = "The group's value of each groupBy key." };
        var interval = Object("One interval of a life table.",
            ("from", Integer("First day.")), ("to", Integer("Last day.")), ("atRisk", Integer("People whose time is at least `from`.")),
            ("events", Integer("Outcome events in the interval.")), ("censored", Integer("Censored times in the interval.")),
            ("survival", Number("Actuarial survival at the interval's end, rounded to 4 decimals.")));
        return Object("A cohort-v1 answer.",
            ("asOf", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "The query saw every record acknowledged before this moment." }),
            ("minCell", Integer("The small-cell threshold applied.")),
            ("total", count),
            ("totalComplementary", flag("Present (true) when `total` is null only so that no small count can be worked out.")),
            ("groups", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Object("A group with anyone in it.", ("key", key), ("count", count),
                    ("complementary", flag("Present (true) when `count` is null only so that no small count can be worked out: it is at least minCell."))),
            }),
            ("suppressed", Integer("How many groups have their count suppressed, complementary ones included.")),
            ("perturbed", flag("Present (true) when the deployment perturbs counts (cell-key method, at most 2 from the exact count).")),
            ("survival", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "With `survival`: one table per group of the groupBy keys other than outcome.",
                Items = Object("A group's life table.", ("key", key), ("intervals", new OpenApiSchema { Type = JsonSchemaType.Array, Items = interval })),
            }));
    }

    internal static IOpenApiSchema Described(OpenApiSchemaReference reference, string description) =>
        new OpenApiSchema { AllOf = [reference], Description = description };

    internal static OpenApiSchema Object(string description, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
    };

    internal static OpenApiSchema Enumeration(IEnumerable<string> values, string description) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)v)], Description = description };

    internal static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    internal static OpenApiSchema Integer(string description) => new() { Type = JsonSchemaType.Integer, Description = description };

    internal static OpenApiSchema Number(string description) => new() { Type = JsonSchemaType.Number, Description = description };

    internal static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date" };
}

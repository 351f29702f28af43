using Linkage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLinkageSilo();
builder.Services.AddLinkageApi(builder.Configuration);

var app = builder.Build();
app.UseLinkageApi();
app.Run();

/// <summary>The host's entry point, visible to the API tests' application factory.</summary>
public partial class Program;

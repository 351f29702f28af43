using Linkage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLinkageSilo();
builder.AddLinkageApi();

var app = builder.Build();
app.MapLinkage();
app.Run();

/// <summary>The host's entry point, visible to the API tests' application factory.</summary>
public partial class Program;

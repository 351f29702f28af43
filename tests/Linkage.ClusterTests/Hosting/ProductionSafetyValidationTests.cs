using Linkage.Silo.Api;
using Linkage.Silo.Hosting;
using Linkage.Tokens;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Linkage.ClusterTests.Hosting;

/// <summary>A production host refuses the development secret and keys; development accepts them.</summary>
public sealed class ProductionSafetyValidationTests
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public void Development_secret_is_refused_only_in_production(string environment, bool allowed)
    {
        var result = new ProductionSafetyValidation(new Environment(environment))
            .Validate(null, new LinkageTokenOptions { Secret = LinkageTokenizer.DevelopmentSecret });

        Assert.Equal(allowed, result.Succeeded);
    }

    [Theory]
    [InlineData("dev-operator-key", false)]
    [InlineData("a-real-production-key-9f8e7d", true)]
    public void Development_keys_are_refused_in_production(string key, bool allowed)
    {
        var options = new LinkageApiOptions { Keys = [new ApiKey { Key = key, Roles = [ApiRoles.Operator] }] };

        var result = new ProductionSafetyValidation(new Environment("Production")).Validate(null, options);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public void Unknown_role_is_refused()
    {
        var options = new LinkageApiOptions { Keys = [new ApiKey { Key = "k-123456", Roles = ["superuser"] }] };

        var result = new ProductionSafetyValidation(new Environment("Development")).Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("superuser", result.FailureMessage);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Linkage.Silo";
        public string ContentRootPath { get; set; } = ".";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

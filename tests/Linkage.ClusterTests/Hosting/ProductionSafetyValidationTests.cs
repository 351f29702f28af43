using Linkage.Silo.Api;
using Linkage.Silo.Hosting;
using Linkage.Tokens;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Linkage.ClusterTests.Hosting;

/// <summary>Keys are stored as hashes; a production host refuses the development keys; development accepts them.</summary>
public sealed class ProductionSafetyValidationTests
{
    [Theory]
    [InlineData("dev-operator-key", false)]
    [InlineData("dev-researcher-key", false)]
    [InlineData("dev-authority-key", false)]
    [InlineData("dev-admin-key", false)]
    [InlineData("a-real-production-key-9f8e7d", true)]
    public void Development_keys_are_refused_in_production(string key, bool allowed)
    {
        var result = Validate("Production", new ApiKey { Hash = ApiKey.HashOf(key), Roles = [ApiRoles.Operator] });

        Assert.Equal(allowed, result.Succeeded);
        if (!allowed) Assert.Contains($"the development key '{key}' is refused in Production", result.FailureMessage);
    }

    [Fact]
    public void The_development_keys_of_the_development_settings_are_accepted_in_development()
    {
        var keys = LinkageApiOptions.DevelopmentKeys.Select(k => new ApiKey { Hash = ApiKey.HashOf(k).ToUpperInvariant(), Roles = [ApiRoles.Admin] }).ToArray();

        Assert.True(Validate("Development", keys).Succeeded);
    }

    [Theory]
    [InlineData("dev-operator-key")]
    [InlineData("")]
    [InlineData("7eee78659ab50d4dd820f4242709d188809ca0249506edf83d70022973d5e2c")]
    [InlineData("zeee78659ab50d4dd820f4242709d188809ca0249506edf83d70022973d5e2ca")]
    public void A_key_not_stored_as_its_sha256_is_refused_naming_the_setting(string hash)
    {
        var result = Validate("Development", new ApiKey { Hash = ApiKey.HashOf("fine"), Roles = [ApiRoles.Operator] }, new ApiKey { Hash = hash, Roles = [ApiRoles.Operator] });

        Assert.False(result.Succeeded);
        Assert.Contains("Linkage:Api:Keys:1:Hash: must be the key's SHA-256", result.FailureMessage);
        Assert.DoesNotContain("Keys:0", result.FailureMessage);
    }

    [Fact]
    public void Unknown_role_is_refused()
    {
        var result = Validate("Development", new ApiKey { Hash = ApiKey.HashOf("k-123456"), Roles = ["superuser"] });

        Assert.False(result.Succeeded);
        Assert.Contains("Linkage:Api:Keys:0:Roles: role 'superuser'", result.FailureMessage);
    }

    [Fact]
    public void The_same_key_twice_is_refused()
    {
        var hash = ApiKey.HashOf("k-twice");

        var result = Validate("Development", new ApiKey { Hash = hash, Roles = [ApiRoles.Operator] }, new ApiKey { Hash = hash.ToUpperInvariant(), Roles = [ApiRoles.Admin] });

        Assert.False(result.Succeeded);
        Assert.Contains("2 entries have the hash", result.FailureMessage);
    }

    [Fact]
    public void A_key_matches_its_hash_only()
    {
        var key = new ApiKey { Hash = ApiKey.HashOf("the-key") };

        Assert.True(key.Matches(System.Security.Cryptography.SHA256.HashData("the-key"u8)));
        Assert.False(key.Matches(System.Security.Cryptography.SHA256.HashData("the-kez"u8)));
        Assert.Equal(ApiKeyId.Of("the-key"), key.KeyId);
        Assert.Equal("named", new ApiKey { Hash = key.Hash, Id = "named" }.KeyId);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, params ApiKey[] keys) =>
        new ProductionSafetyValidation(new Environment(environment)).Validate(null, new LinkageApiOptions { Keys = [.. keys] });

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Linkage.Silo";
        public string ContentRootPath { get; set; } = ".";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

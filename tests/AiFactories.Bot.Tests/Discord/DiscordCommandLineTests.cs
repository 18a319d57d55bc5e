using System.Text.Json;
using AiFactories.Bot.Tests.Cli;
using AiFactories.Bot.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Tests.Discord;

public sealed class DiscordCommandLineTests
{
    [Fact]
    public async Task PrintsTheRegistrationBodyForEveryDeclaredCommand()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["register", "--print"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ask", "site", "sites", "search", "sources", "help", "reload", "Ask AI Factories bot", "gaps", "stats"], names);
        var ask = json.RootElement[0];
        Assert.True(ask.GetProperty("options")[0].GetProperty("autocomplete").GetBoolean());
        Assert.Equal(3, json.RootElement[7].GetProperty("type").GetInt32());
        Assert.Equal("32", json.RootElement[6].GetProperty("default_member_permissions").GetString());
    }

    [SkippableFact]
    public async Task PrintsARegistrationBodyThatValidatesAgainstDiscordsOpenApiDescription()
    {
        Skip.IfNot(OpenApiSchemas.Available, OpenApiSchemas.SkipReason);

        var (_, output, _) = await CliRunner.RunAsync(["register", "--print"]);

        OpenApiSchemas.AssertValidCommands(output);
    }

    [Fact]
    public async Task RefusesToServeWithoutThePublicKeyNamingTheSetting()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["serve"], extra: new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1", ["Discord:PublicKey"] = null });

        Assert.Equal(2, exit);
        Assert.Contains("missing setting Discord:PublicKey", error);
        Assert.Contains("Discord__PublicKey", error);
    }

    [Fact]
    public async Task RefusesToServeWithAMalformedPublicKey()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["serve"], extra: new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1", ["Discord:PublicKey"] = "abc" });

        Assert.Equal(2, exit);
        Assert.StartsWith("error: Discord:PublicKey: the public key must be 64 hexadecimal digits", error);
    }

    [Fact]
    public async Task RefusesToRegisterWithoutATokenNamingTheSetting()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["register", "--guild", "123"], extra: new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1", ["Discord:BotToken"] = null });

        Assert.Equal(2, exit);
        Assert.Contains("missing setting Discord:BotToken", error);
    }

    [Fact]
    public async Task RegistersInOneGuildThroughTheRestClientAndReportsARefusedToken()
    {
        var requests = new List<(string Path, string? Authorization)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var fake = builder.Build();
        fake.Run(async context =>
        {
            requests.Add((context.Request.Path, context.Request.Headers.Authorization));
            context.Response.ContentType = "application/json";
            if (context.Request.Headers.Authorization == "Bot good-token")
            {
                await context.Response.WriteAsync("[{},{},{},{},{},{},{}]");
            }
            else
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"message":"401: Unauthorized","code":0}""");
            }
        });
        await fake.StartAsync();
        var settings = new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1100", ["Discord:ApiBaseUrl"] = fake.Urls.First() + "/api/v10" };

        settings["Discord:BotToken"] = "good-token";
        var ok = await CliRunner.RunAsync(["register", "--guild", "1234"], extra: settings);
        settings["Discord:BotToken"] = "bad-token";
        var refused = await CliRunner.RunAsync(["register"], extra: settings);

        Assert.Equal(0, ok.Exit);
        Assert.Equal("Registered 7 commands in server 1234.", ok.Output.Trim());
        Assert.Equal(1, refused.Exit);
        Assert.Contains("401", refused.Error);
        Assert.DoesNotContain("bad-token", refused.Error);
        Assert.Equal(["/api/v10/applications/1100/guilds/1234/commands", "/api/v10/applications/1100/commands"], requests.Select(r => r.Path));
    }
}

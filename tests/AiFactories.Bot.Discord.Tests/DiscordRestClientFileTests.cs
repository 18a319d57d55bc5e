using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiFactories.Bot.Discord.Tests;

/// <summary>Editing the original response with a file (the /stats chart), against a local fake Discord that keeps the raw bytes.</summary>
public sealed class DiscordRestClientFileTests : IAsyncLifetime
{
    private const string ApplicationId = "42";
    private const string Token = "interaction-token";

    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private WebApplication? _fake;
    private string _baseUrl = string.Empty;

    private sealed record Received(string Method, string Path, string? Authorization, string? ContentType, byte[] Body);

    private sealed record Part(string? Name, string? FileName, string? ContentType, byte[] Bytes);

    /// <summary>
    /// Not a drawing, but bytes that break careless handling: the PNG signature (with its CR LF and
    /// 0x1A), NUL and 0xFF bytes, something that looks like a boundary, and invalid UTF-8.
    /// </summary>
    private static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE, 0xC3, 0x28,
        .. "\r\n--boundary\r\n"u8, 0x00, 0x01, 0x02, 0x80, 0x81, 0xAE, 0x42, 0x60, 0x82,
    ];

    private static readonly EditMessage Stats = new()
    {
        Embeds = [new Embed { Title = "Statistics", Description = "30 days", Image = new EmbedImage { Url = "attachment://stats.png" } }],
        AllowedMentions = AllowedMentions.None,
    };

    private static readonly FileAttachment Chart = new("stats.png", "image/png", Png, "Questions per day, answered and not answered");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fake = builder.Build();
        _fake.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            _requests.Enqueue(new Received(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization, context.Request.ContentType, buffer.ToArray()));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status >= 500 ? """{"message":"try again","code":0}""" : """{"id":"1"}""");
        });
        await _fake.StartAsync();
        _baseUrl = _fake.Urls.First() + "/api/v10/";
    }

    public async Task DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    private DiscordRestClient Client() => new(
        new HttpClient(),
        Options.Create(new DiscordOptions { ApiBaseUrl = _baseUrl, BotToken = "test-token", ApplicationId = ApplicationId }),
        new RateLimitState(),
        TimeProvider.System,
        NullLogger<DiscordRestClient>.Instance)
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>The parts of a multipart/form-data body, read with ASP.NET Core's own reader.</summary>
    private static async Task<List<Part>> PartsAsync(Received request)
    {
        var type = MediaTypeHeaderValue.Parse(request.ContentType);
        Assert.Equal("multipart/form-data", type.MediaType.Value);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        Assert.False(string.IsNullOrEmpty(boundary), "no boundary in " + request.ContentType);

        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            Assert.Equal("form-data", disposition.DispositionType.Value);
            parts.Add(new Part(
                HeaderUtilities.RemoveQuotes(disposition.Name).Value,
                disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                section.ContentType,
                bytes.ToArray()));
        }

        return parts;
    }

    [Fact]
    public async Task SendsThePayloadJsonAndTheFileAsMultipartFormData()
    {
        IDiscordRest rest = Client();

        await rest.EditOriginalResponseAsync(ApplicationId, Token, Stats, [Chart], CancellationToken.None);

        var request = Assert.Single(_requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"/api/v10/webhooks/{ApplicationId}/{Token}/messages/@original", request.Path);
        Assert.Null(request.Authorization);

        var parts = await PartsAsync(request);
        Assert.Equal(["payload_json", "files[0]"], parts.Select(p => p.Name));

        var payload = parts[0];
        Assert.StartsWith("application/json", payload.ContentType);
        Assert.Null(payload.FileName);
        var json = JsonNode.Parse(payload.Bytes)!;
        var attachment = Assert.Single(json["attachments"]!.AsArray())!;
        Assert.Equal("0", attachment["id"]!.GetValue<string>());
        Assert.Equal("stats.png", attachment["filename"]!.GetValue<string>());
        Assert.Equal(Chart.Description, attachment["description"]!.GetValue<string>());
        Assert.Equal("attachment://stats.png", json["embeds"]![0]!["image"]!["url"]!.GetValue<string>());
        Assert.Empty(json["allowed_mentions"]!["parse"]!.AsArray());

        var file = parts[1];
        Assert.Equal("stats.png", file.FileName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(Png, file.Bytes);
    }

    [SkippableFact]
    public async Task SendsAPayloadJsonThatValidatesAgainstTheSchemaOfTheMultipartRequestBody()
    {
        Skip.IfNot(OpenApiSchemas.Available, OpenApiSchemas.SkipReason);

        // The multipart body of this operation is the JSON body's schema plus files[0..9]: find
        // that schema in the operation itself rather than trusting a name.
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiSchemas.SpecPath))!;
        var multipart = spec["paths"]!["/webhooks/{webhook_id}/{webhook_token}/messages/@original"]!["patch"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        var parts = multipart["allOf"]!.AsArray();
        var reference = parts.Select(p => p?["$ref"]?.GetValue<string>()).Single(r => r is not null)!;
        var schema = reference["#/components/schemas/".Length..];
        Assert.Contains(parts, p => p?["properties"]?["files[0]"] is not null);

        await Client().EditOriginalResponseAsync(ApplicationId, Token, Stats with { Attachments = [Chart] }, CancellationToken.None);

        var payload = (await PartsAsync(Assert.Single(_requests))).Single(p => p.Name == "payload_json");
        OpenApiSchemas.AssertValid(schema, Encoding.UTF8.GetString(payload.Bytes));
    }

    [Fact]
    public async Task RetriesAServerErrorWithTheWholeBodyAgain()
    {
        _statuses.Enqueue(502);
        _statuses.Enqueue(500);

        await Client().EditOriginalResponseAsync(ApplicationId, Token, Stats, [Chart], CancellationToken.None);

        var requests = _requests.ToArray();
        Assert.Equal(3, requests.Length);
        var first = await PartsAsync(requests[0]);
        foreach (var again in requests.Skip(1))
        {
            var parts = await PartsAsync(again);
            Assert.Equal(first.Select(p => (p.Name, p.FileName, p.ContentType)), parts.Select(p => (p.Name, p.FileName, p.ContentType)));
            Assert.Equal(first[0].Bytes, parts[0].Bytes);
            Assert.Equal(Png, parts[1].Bytes);
        }
    }

    [Fact]
    public async Task SendsAnEditWithoutFilesAsJsonThatKeepsTheFilesTheMessageHas()
    {
        await Client().EditOriginalResponseAsync(ApplicationId, Token, Stats, CancellationToken.None);

        var request = Assert.Single(_requests);
        Assert.StartsWith("application/json", request.ContentType);
        var json = JsonNode.Parse(request.Body)!.AsObject();
        Assert.False(json.ContainsKey("attachments"), json.ToJsonString());
    }

    [Fact]
    public async Task RefusesAFileOverDiscordsUploadLimitWithoutSendingAnything()
    {
        var big = Chart with { Content = new byte[DiscordLimits.FileBytes + 1] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client().EditOriginalResponseAsync(ApplicationId, Token, Stats, [big], CancellationToken.None));

        Assert.Contains("stats.png", error.Message);
        Assert.Empty(_requests);
    }

    [Fact]
    public void TakesAFileAtTheUploadLimitAndCutsALongDescription()
    {
        var atLimit = Chart with { Content = new byte[DiscordLimits.FileBytes], Description = new string('d', 3000) };

        var enforced = DiscordLimits.Enforce(Stats with { Attachments = [atLimit] });

        var file = Assert.Single(enforced.Attachments!);
        Assert.Equal(DiscordLimits.FileBytes, file.Content.Length);
        Assert.Equal(DiscordLimits.FileDescription, file.Description!.Length);
        Assert.EndsWith(DiscordLimits.Ellipsis, file.Description);
    }

    [Theory]
    [InlineData(11, "stats.png")]
    [InlineData(1, "")]
    [InlineData(1, "../stats.png")]
    [InlineData(1, "stats\r\n.png")]
    public void RefusesFilesDiscordWouldNotTake(int count, string name)
    {
        var files = Enumerable.Range(0, count).Select(i => Chart with { FileName = count == 1 ? name : $"{i}-{name}" }).ToList();

        Assert.Throws<ArgumentException>(() => DiscordLimits.Enforce(Stats with { Attachments = files }));
    }

    [Fact]
    public void NamesEachFileByItsPartNumberInTheJson()
    {
        var message = Stats with { Attachments = [Chart, Chart with { FileName = "second.png", Description = null }] };

        var json = JsonSerializer.SerializeToNode(message, DiscordJsonContext.Default.EditMessage)!;

        var attachments = json["attachments"]!.AsArray();
        Assert.Equal(["0", "1"], attachments.Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal(["stats.png", "second.png"], attachments.Select(a => a!["filename"]!.GetValue<string>()));
        Assert.False(attachments[1]!.AsObject().ContainsKey("description"));
        Assert.DoesNotContain("content_type", json.ToJsonString(), StringComparison.Ordinal);
    }
}

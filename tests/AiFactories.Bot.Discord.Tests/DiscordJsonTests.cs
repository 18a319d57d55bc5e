using System.Text.Json;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Tests;

/// <summary>How payloads are written: Discord's names and omissions, text as it is.</summary>
public sealed class DiscordJsonTests
{
    private static readonly InteractionResponse Response = InteractionResponse.Message(new InteractionCallbackData
    {
        Embeds = [new Embed { Title = "Kto zarządza fabryką AI w Bolonii?", Description = "> **IT4LIA** — Bologna & <Tecnopolo> + \"DAMA\"" }],
        AllowedMentions = AllowedMentions.None,
    });

    [Fact]
    public void WritesTheSameJsonAsTheGeneratedDefaults()
    {
        var wire = System.Text.Encoding.UTF8.GetString(DiscordJson.ToUtf8Bytes(Response, DiscordJsonContext.Default.InteractionResponse));
        var generated = JsonSerializer.Serialize(Response, DiscordJsonContext.Default.InteractionResponse);

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(generated), System.Text.Json.Nodes.JsonNode.Parse(wire)), wire);
        Assert.Contains("\"allowed_mentions\"", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("\"flags\"", wire, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesLettersAndMarkdownAsTheyAre()
    {
        var wire = System.Text.Encoding.UTF8.GetString(DiscordJson.ToUtf8Bytes(Response, DiscordJsonContext.Default.InteractionResponse));

        Assert.Contains("zarządza fabryką", wire, StringComparison.Ordinal);
        Assert.Contains("Bologna & <Tecnopolo> + \\\"DAMA\\\"", wire, StringComparison.Ordinal);
        Assert.True(wire.Length < JsonSerializer.Serialize(Response, DiscordJsonContext.Default.InteractionResponse).Length, "written as it is, the JSON is shorter than escaped");
    }
    [Fact]
    public void WritesEachPayloadWholeAndAloneWhateverCameBefore()
    {
        var large = InteractionResponse.Message(new InteractionCallbackData { Content = new string('x', 100_000) });
        var first = DiscordJson.ToUtf8Bytes(Response, DiscordJsonContext.Default.InteractionResponse);
        var big = DiscordJson.ToUtf8Bytes(large, DiscordJsonContext.Default.InteractionResponse);
        var again = DiscordJson.ToUtf8Bytes(Response, DiscordJsonContext.Default.InteractionResponse);

        Assert.True(big.Length > 100_000);
        Assert.Equal(first, again);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(again).RootElement.ValueKind);
    }
}

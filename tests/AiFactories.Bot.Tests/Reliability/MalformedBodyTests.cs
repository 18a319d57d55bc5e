using System.Text;
using System.Text.Json;
using AiFactories.Bot.Tests.Discord;
using CsCheck;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>Bodies with valid signatures but anything inside: always an answer below 500, and the next valid request is served.</summary>
public sealed class MalformedBodyTests(BotServerFixture server) : IClassFixture<BotServerFixture>
{
    private static readonly string[] Valid =
    [
        """{"id":"1","type":1}""",
        BotServerFixture.Command("ask", $"[{BotServerFixture.Option("question", "Where is the Swedish AI Factory?")}]"),
        BotServerFixture.Command("site", $"[{BotServerFixture.Option("name", "kajaani", focused: true)}]", type: 4),
        """{"id":"1","type":3,"data":{"custom_id":"search:1:AI","component_type":2}}""",
    ];

    private static readonly Gen<string> Truncated = Gen.Select(Gen.OneOf(Valid), Gen.Int[0, 1000], (v, n) => v[..Math.Min(n, v.Length)]);

    private static readonly Gen<string> WrongTypes = Gen.Select(
        Gen.OneOf("id", "type", "data", "token", "member", "guild_id"),
        Gen.OneOf("1", "\"x\"", "true", "null", "[]", "{}", "1.5e300", "-1", "\"\\u0000\""),
        (field, value) => $$$"""{"id":"1","type":2,"data":{"name":"ask","options":[]},"{{{field}}}":{{{value}}}}""");

    private static readonly Gen<string> HugeStrings = Gen.Select(Gen.Int[1, 200_000], Gen.Char.AlphaNumeric, (n, c) =>
        $$$"""{"id":"1","type":2,"data":{"name":"ask","options":[{"name":"question","type":3,"value":"{{{new string(c, n)}}}"}]}}""");

    private static readonly Gen<string> DeepNesting = Gen.Int[20, 5000].Select(depth => new string('[', depth) + new string(']', depth));

    private static readonly Gen<string> UnknownTypes = Gen.Int.Select(type => "{\"id\":\"1\",\"type\":" + type + ",\"token\":\"t\",\"data\":{\"name\":\"ask\"}}");

    private static readonly Gen<string> Garbage = Gen.String[Gen.Char, 0, 300];

    private static readonly Gen<string> Bodies = Gen.OneOf(Truncated, WrongTypes, HugeStrings, DeepNesting, UnknownTypes, Garbage);

    [Fact]
    public void AnswersEveryMalformedBodyBelow500AndKeepsServing()
    {
        Bodies.Sample(
            body =>
            {
                var (status, text, contentType) = server.PostAsync(body).GetAwaiter().GetResult();
                if (status >= 500)
                {
                    return false;
                }

                if (status == 200)
                {
                    // A body that happens to be a valid interaction gets a JSON answer.
                    Assert.Equal("application/json", contentType);
                    JsonDocument.Parse(text).Dispose();
                }

                var (next, _, _) = server.PostAsync(Valid[0]).GetAwaiter().GetResult();
                return next == 200;
            },
            iter: 400,
            threads: 1);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"id\":\"1\",\"type\":2,\"data\":{\"name\":\"ask\",\"options\":[{\"name\":\"question\",\"type\":3,\"value\":")]
    [InlineData("\uFEFF{\"id\":\"1\"}")]
    public async Task AnswersTruncatedAndOddlyEncodedJsonWith400(string body)
    {
        var (status, _, _) = await server.PostAsync(body);

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task AnswersInvalidUtf8InAFieldItReadsWith400()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":2,"id":"1ÿ","data":{"name":"ask"}}""");
        body[Array.IndexOf(body, (byte)0xC3)] = 0xFF;
        var timestamp = Shared.TestSigner.Now();

        var (status, _, _) = await server.PostBytesAsync(body, [server.Signer.Sign(timestamp, body)], [timestamp]);

        Assert.Equal(400, status);
    }
}

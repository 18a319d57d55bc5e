using System.Globalization;
using System.Text;
using AiFactories.Bot.Tests.Discord;
using AiFactories.Bot.Tests.Shared;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>Thousands of mutated requests against the real endpoint: none accepted, none answered 5xx.</summary>
public sealed class SignatureAttackTests(BotServerFixture server) : IClassFixture<BotServerFixture>
{
    private const int Mutations = 2000;

    [Fact]
    public async Task AcceptsNoMutatedRequestAndNeverAnswers5xx()
    {
        var random = new Random(20241210);
        var body = Encoding.UTF8.GetBytes(BotServerFixture.Command("ask", $"[{BotServerFixture.Option("question", "Who hosts the AI Factory in Kajaani?")}]"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var statuses = new Dictionary<int, int>();
        var accepted = new List<string>();

        for (var i = 0; i < Mutations; i++)
        {
            var timestamp = now.ToString(CultureInfo.InvariantCulture);
            var requestBody = body.ToArray();
            var signature = server.Signer.Sign(timestamp, requestBody);
            var signatureHeaders = new List<string> { signature };
            var timestampHeaders = new List<string> { timestamp };
            var mutation = random.Next(9);
            switch (mutation)
            {
                case 0:
                    requestBody[random.Next(requestBody.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    signatureHeaders[0] = FlipHexBit(signature, random);
                    break;
                case 2:
                    timestampHeaders[0] = (now + random.Next(1, 3)).ToString(CultureInfo.InvariantCulture);
                    break;
                case 3:
                    if (random.Next(2) == 0)
                    {
                        signatureHeaders.Clear();
                    }
                    else
                    {
                        timestampHeaders.Clear();
                    }

                    break;
                case 4:
                    signatureHeaders.Add(signature);
                    break;
                case 5:
                    signatureHeaders[0] = new string(signature.Select(c => random.Next(10) == 0 ? "xyz!-+ "[random.Next(7)] : c).ToArray());
                    if (signatureHeaders[0] == signature)
                    {
                        signatureHeaders[0] = "g" + signature[1..];
                    }

                    break;
                case 6:
                    var stale = now + (random.Next(2) == 0 ? -1 : 1) * random.Next(301, 100_000);
                    timestampHeaders[0] = stale.ToString(CultureInfo.InvariantCulture);
                    signatureHeaders[0] = server.Signer.Sign(timestampHeaders[0], requestBody);
                    break;
                case 7:
                    signatureHeaders[0] = signature[..random.Next(signature.Length)];
                    break;
                default:
                    signatureHeaders[0] = new TestSigner().Sign(timestamp, requestBody);
                    break;
            }

            var (status, _, _) = await server.PostBytesAsync(requestBody, signatureHeaders, timestampHeaders);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 200)
            {
                accepted.Add($"mutation {mutation}");
            }
        }

        Assert.Empty(accepted);
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Equal(Mutations, statuses.GetValueOrDefault(401));

        // The server still answers a valid request normally.
        var response = await server.InteractAsync(BotServerFixture.Command("ask", $"[{BotServerFixture.Option("question", "What is Pharos?")}]"));
        Assert.Equal(4, response.GetProperty("type").GetInt32());
    }

    private static string FlipHexBit(string hex, Random random)
    {
        var bytes = Convert.FromHexString(hex);
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return Convert.ToHexStringLower(bytes);
    }
}

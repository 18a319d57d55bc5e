using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace AiFactories.Bot.Tests.Shared;

/// <summary>An Ed25519 key pair made for the test, signing requests the way Discord does.</summary>
public sealed class TestSigner
{
    private readonly byte[] _privateKey = new byte[Ed25519.SecretKeySize];

    public TestSigner()
    {
        Random.Shared.NextBytes(_privateKey);
        var publicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_privateKey, 0, publicKey, 0);
        PublicKeyHex = Convert.ToHexStringLower(publicKey);
    }

    public string PublicKeyHex { get; }

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body)
    {
        var message = Encoding.ASCII.GetBytes(timestamp).Concat(body).ToArray();
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_privateKey, 0, message, 0, message.Length, signature, 0);
        return Convert.ToHexStringLower(signature);
    }

    public string Sign(string timestamp, string body) => Sign(timestamp, Encoding.UTF8.GetBytes(body));

    /// <summary>Adds Discord's two signature headers for a body to a request, signed at the timestamp given or now.</summary>
    public void AddSignature(System.Net.Http.Headers.HttpRequestHeaders headers, string body, string? timestamp = null)
    {
        timestamp ??= Now();
        headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        headers.Add("X-Signature-Timestamp", timestamp);
    }
}

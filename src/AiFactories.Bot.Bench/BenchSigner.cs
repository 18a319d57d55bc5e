using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace AiFactories.Bot.Bench;

/// <summary>A key pair made for the benchmark, signing requests the way Discord does.</summary>
public sealed class BenchSigner
{
    private readonly byte[] _privateKey = new byte[Ed25519.SecretKeySize];

    public BenchSigner()
    {
        System.Security.Cryptography.RandomNumberGenerator.Fill(_privateKey);
        var publicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_privateKey, 0, publicKey, 0);
        PublicKeyHex = Convert.ToHexStringLower(publicKey);
    }

    public string PublicKeyHex { get; }

    public (byte[] Body, string Timestamp, string Signature) Sign(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var message = Encoding.ASCII.GetBytes(timestamp).Concat(bytes).ToArray();
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_privateKey, 0, message, 0, message.Length, signature, 0);
        return (bytes, timestamp, Convert.ToHexStringLower(signature));
    }
}

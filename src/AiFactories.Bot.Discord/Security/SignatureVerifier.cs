using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace AiFactories.Bot.Discord.Security;

/// <summary>Why a request's signature was refused (or that it was not).</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedSignature,
    MalformedTimestamp,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Verifies Discord's Ed25519 signature over the timestamp followed by the raw body, with the
/// application's public key, and refuses timestamps outside a freshness window in either direction.
/// </summary>
public sealed class SignatureVerifier
{
    private const int SignatureBytes = 64;
    private readonly Ed25519.PublicPoint _publicKey;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;

    /// <exception cref="FormatException">The public key is not 64 hex digits of a valid Ed25519 key.</exception>
    public SignatureVerifier(string publicKeyHex, TimeSpan window, TimeProvider clock)
    {
        if (!TryParseHex(publicKeyHex, out var key) || key.Length != Ed25519.PublicKeySize)
        {
            throw new FormatException("the public key must be 64 hexadecimal digits (the application's public key in the developer portal)");
        }

        _publicKey = Ed25519.ValidatePublicKeyFullExport(key)
            ?? throw new FormatException("the public key is not a valid Ed25519 public key");
        _window = window;
        _clock = clock;
    }

    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeaders;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (signatureHex.Length != SignatureBytes * 2 || Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != SignatureBytes)
        {
            return SignatureCheck.MalformedSignature;
        }

        if (timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _window.TotalSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var prefix = Encoding.ASCII.GetByteCount(timestamp);
        var message = new byte[prefix + body.Length];
        Encoding.ASCII.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(prefix));
        return Ed25519.Verify(signature, _publicKey, message) ? SignatureCheck.Valid : SignatureCheck.BadSignature;
    }

    private static bool TryParseHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(hex) || hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

using System.Text;
using AiFactories.Bot.Discord.Security;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace AiFactories.Bot.Discord.Tests;

public sealed class SignatureVerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private readonly TestSigner _signer = new();
    private readonly SignatureVerifier _verifier;
    private readonly byte[] _body = Encoding.UTF8.GetBytes("""{"type":1,"id":"1"}""");
    private readonly string _timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public SignatureVerifierTests() => _verifier = new SignatureVerifier(_signer.PublicKeyHex, TimeSpan.FromMinutes(5), new FakeTimeProvider(Now));

    [Fact]
    public void AcceptsASignatureOverTheTimestampAndTheRawBody() =>
        Assert.Equal(SignatureCheck.Valid, _verifier.Check(_signer.Sign(_timestamp, _body), _timestamp, _body));

    [Fact]
    public void RejectsATamperedBody()
    {
        var signature = _signer.Sign(_timestamp, _body);
        var tampered = _body.ToArray();
        tampered[^2] ^= 1;

        Assert.Equal(SignatureCheck.BadSignature, _verifier.Check(signature, _timestamp, tampered));
    }

    [Fact]
    public void RejectsASignatureForAnotherTimestamp()
    {
        var signature = _signer.Sign(_timestamp, _body);

        Assert.Equal(SignatureCheck.BadSignature, _verifier.Check(signature, (Now.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), _body));
    }

    [Fact]
    public void RejectsAnotherKeysSignature() =>
        Assert.Equal(SignatureCheck.BadSignature, _verifier.Check(new TestSigner().Sign(_timestamp, _body), _timestamp, _body));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void RejectsStaleAndFutureTimestamps(int offsetSeconds)
    {
        var timestamp = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.StaleTimestamp, _verifier.Check(_signer.Sign(timestamp, _body), timestamp, _body));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void AcceptsTimestampsInsideTheWindow(int offsetSeconds)
    {
        var timestamp = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.Valid, _verifier.Check(_signer.Sign(timestamp, _body), timestamp, _body));
    }

    [Theory]
    [InlineData(null, "1750000000", SignatureCheck.MissingHeaders)]
    [InlineData("", "1750000000", SignatureCheck.MissingHeaders)]
    [InlineData("abcd", null, SignatureCheck.MissingHeaders)]
    [InlineData("zz", "1750000000", SignatureCheck.MalformedSignature)]
    [InlineData("0123", "1750000000", SignatureCheck.MalformedSignature)]
    public void RejectsMissingAndMalformedHeaders(string? signature, string? timestamp, SignatureCheck expected) =>
        Assert.Equal(expected, _verifier.Check(signature, timestamp, _body));

    [Theory]
    [InlineData("1750000000.5")]
    [InlineData("-1750000000")]
    [InlineData("17500000000000000000")]
    [InlineData("１７５０")]
    public void RejectsMalformedTimestamps(string timestamp) =>
        Assert.Equal(SignatureCheck.MalformedTimestamp, _verifier.Check(_signer.Sign(timestamp, _body), timestamp, _body));

    [Fact]
    public void RejectsANonHexSignatureOfTheRightLength() =>
        Assert.Equal(SignatureCheck.MalformedSignature, _verifier.Check(new string('g', 128), _timestamp, _body));

    [Theory]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("0123")]
    public void RefusesABadPublicKeyAtConstruction(string key) =>
        Assert.Throws<FormatException>(() => new SignatureVerifier(key, TimeSpan.FromMinutes(5), TimeProvider.System));
}

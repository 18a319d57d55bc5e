using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiFactories.Bot.Feedback;

/// <summary>What a vote button carries: the answer, its kind and language, and when it was given.</summary>
public sealed record VoteTicket(string AnswerId, string Kind, string Language, DateTimeOffset AnsweredAt);

/// <summary>Why a vote token was refused (for the log and the metric, never shown in detail to the user).</summary>
public enum VoteTokenProblem
{
    None,
    Malformed,
    Tampered,
    UnknownKind,
    TooOld,
}

/// <summary>
/// Vote buttons without server state: the button's <c>custom_id</c> carries the answer id, its kind,
/// its language and the time it was answered, signed with a keyed MAC, so any replica or a restarted
/// bot can record the click and a forged or edited id is refused. The voter is stored as a keyed hash
/// of user and answer: one vote per user and answer, no user id kept, and no way to link one user's
/// votes across answers without the key.
/// </summary>
public sealed class VoteTokens
{
    /// <summary>The answer kinds a token may name, with their one-letter codes.</summary>
    public static readonly IReadOnlyDictionary<string, char> Kinds = new Dictionary<string, char>(StringComparer.Ordinal)
    {
        ["not_answered"] = 'n',
        ["sites"] = 's',
        ["site_list"] = 'l',
        ["country"] = 'c',
        ["passage"] = 'p',
    };

    private const int MacBytes = 12;
    private readonly byte[] _key;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _clock;

    /// <param name="key">The secret the MAC and voter hashes are keyed with (the same on every replica).</param>
    /// <param name="maxAge">How old an answer may be and still take votes (the store's retention).</param>
    /// <param name="clock">The time source.</param>
    public VoteTokens(ReadOnlySpan<byte> key, TimeSpan maxAge, TimeProvider? clock = null)
    {
        _key = SHA256.HashData(key);
        _maxAge = maxAge;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The length of an answer id: 12 bytes in base64url.</summary>
    public const int AnswerIdLength = 16;

    // Answer ids of the bots before time-ordered ids (8 random bytes), still read while their answers take votes.
    private const int OldAnswerIdLength = 11;

    /// <summary>
    /// A new answer id: the answer's time in milliseconds (6 bytes, big-endian) and 6 random bytes, 16
    /// characters of base64url. Ids of the same few seconds share their first characters, so the
    /// store's index on them takes a batch of answers in one place: with random ids every row of a
    /// batch rewrote a page of its own, megabytes a second under load. 48 random bits keep two ids of
    /// the same millisecond, on any replica, apart.
    /// </summary>
    public static string NewAnswerId(DateTimeOffset at)
    {
        Span<byte> id = stackalloc byte[12];
        var milliseconds = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());
        for (var i = 0; i < 6; i++)
        {
            id[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(id[6..]);
        return Base64Url.EncodeToString(id);
    }

    /// <summary>The token for an answer's buttons (about 50 characters, well inside a custom_id's 100).</summary>
    public string Issue(VoteTicket ticket)
    {
        if (!Kinds.TryGetValue(ticket.Kind, out var code))
        {
            throw new ArgumentException($"unknown answer kind '{ticket.Kind}'", nameof(ticket));
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"{ticket.AnswerId}.{code}.{ticket.Language}.{ToBase36(ticket.AnsweredAt.ToUnixTimeSeconds() / 60)}");
        return $"{body}.{Mac(body)}";
    }

    /// <summary>The ticket a token carries, or why it is refused.</summary>
    public (VoteTicket? Ticket, VoteTokenProblem Problem) Read(string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 5 || parts[0].Length is not (AnswerIdLength or OldAnswerIdLength) || parts[1].Length != 1 || parts[2].Length is < 2 or > 3 || parts[3].Length is 0 or > 8)
        {
            return (null, VoteTokenProblem.Malformed);
        }

        var body = token![..token!.LastIndexOf('.')];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(body)), Encoding.ASCII.GetBytes(parts[4])))
        {
            return (null, VoteTokenProblem.Tampered);
        }

        var kind = Kinds.FirstOrDefault(k => k.Value == parts[1][0]).Key;
        if (kind is null)
        {
            return (null, VoteTokenProblem.UnknownKind);
        }

        if (FromBase36(parts[3]) is not { } minutes)
        {
            return (null, VoteTokenProblem.Malformed);
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(minutes * 60);
        var age = _clock.GetUtcNow() - at;
        if (age > _maxAge || age < TimeSpan.FromMinutes(-5))
        {
            return (null, VoteTokenProblem.TooOld);
        }

        return (new VoteTicket(parts[0], kind, parts[2], at), VoteTokenProblem.None);
    }

    /// <summary>The stored stand-in for a user on one answer: a keyed hash, the same for the same user and answer only.</summary>
    public string Voter(string userId, string answerId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"voter\n{userId}\n{answerId}")).AsSpan(0, 16));

    private string Mac(string body) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"vote\n{body}")).AsSpan(0, MacBytes));

    private static string ToBase36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value <= 0)
        {
            return "0";
        }

        var text = new StringBuilder();
        while (value > 0)
        {
            text.Insert(0, digits[(int)(value % 36)]);
            value /= 36;
        }

        return text.ToString();
    }

    private static long? FromBase36(string text)
    {
        long value = 0;
        foreach (var c in text)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0)
            {
                return null;
            }

            value = (value * 36) + digit;
        }

        return value;
    }
}

using System.Text;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>Vote buttons carry a signed token: read back as issued, refused when edited, forged or too old.</summary>
public sealed class VoteTokensTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static (VoteTokens Tokens, FakeTimeProvider Clock) Make(string key = "k")
    {
        var clock = new FakeTimeProvider(Noon);
        return (new VoteTokens(Encoding.UTF8.GetBytes(key), TimeSpan.FromDays(90), clock), clock);
    }

    [Fact]
    public void ReadsBackWhatItIssuedInsideACustomId()
    {
        var (tokens, _) = Make();
        var id = VoteTokens.NewAnswerId(Noon);
        var token = tokens.Issue(new VoteTicket(id, "site_list", "pl", Noon));

        var (ticket, problem) = tokens.Read(token);

        Assert.Equal(VoteTokenProblem.None, problem);
        Assert.Equal(new VoteTicket(id, "site_list", "pl", Noon), ticket);
        Assert.True($"vote:down:{token}".Length <= 100, token);
    }

    [Fact]
    public void AnswerIdsOfOneMomentShareTheirBeginningAndNeverRepeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => VoteTokens.NewAnswerId(Noon)).ToList();
        var later = VoteTokens.NewAnswerId(Noon.AddMilliseconds(1));

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(VoteTokens.AnswerIdLength, id.Length));

        // Six bytes of time are the first eight characters.
        Assert.Single(ids.Select(id => id[..8]).Distinct(StringComparer.Ordinal));
        Assert.NotEqual(ids[0][..8], later[..8]);
        Assert.Equal(ids[0][..6], later[..6]);
    }

    [Fact]
    public void ReadsATokenOfAnAnswerIdFromBeforeTimeOrderedIds()
    {
        var (tokens, _) = Make();
        var token = tokens.Issue(new VoteTicket("AbCdEfGhIjK", "sites", "en", Noon));

        Assert.Equal(new VoteTicket("AbCdEfGhIjK", "sites", "en", Noon), tokens.Read(token).Ticket);
    }

    [Fact]
    public void RefusesATokenWithAnyCharacterChanged()
    {
        var (tokens, _) = Make();
        var token = tokens.Issue(new VoteTicket(VoteTokens.NewAnswerId(Noon), "passage", "en", Noon));

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            var changed = token[..i] + (token[i] == 'a' ? 'b' : 'a') + token[(i + 1)..];
            Assert.Null(tokens.Read(changed).Ticket);
        }
    }

    [Fact]
    public void RefusesATokenSignedWithAnotherKeyOrTooOldOrMalformed()
    {
        var (tokens, clock) = Make();
        var (other, _) = Make("another key");
        var token = other.Issue(new VoteTicket(VoteTokens.NewAnswerId(Noon), "sites", "de", Noon));
        var mine = tokens.Issue(new VoteTicket(VoteTokens.NewAnswerId(Noon), "sites", "de", Noon));

        Assert.Equal(VoteTokenProblem.Tampered, tokens.Read(token).Problem);
        Assert.Equal(VoteTokenProblem.Malformed, tokens.Read("x.y").Problem);
        Assert.Equal(VoteTokenProblem.Malformed, tokens.Read(null).Problem);
        Assert.Equal(VoteTokenProblem.Malformed, tokens.Read(string.Empty).Problem);
        clock.Advance(TimeSpan.FromDays(91));
        Assert.Equal(VoteTokenProblem.TooOld, tokens.Read(mine).Problem);
        Assert.Throws<ArgumentException>(() => tokens.Issue(new VoteTicket(VoteTokens.NewAnswerId(Noon), "poem", "en", Noon)));
    }

    [Fact]
    public void TheVoterIsAHashThatNamesNeitherTheUserNorLinksAnswers()
    {
        var (tokens, _) = Make();
        var (other, _) = Make("another key");

        var voter = tokens.Voter("1500000000000000000", "answer-0001");

        Assert.Equal(voter, tokens.Voter("1500000000000000000", "answer-0001"));
        Assert.NotEqual(voter, tokens.Voter("1500000000000000000", "answer-0002"));
        Assert.NotEqual(voter, tokens.Voter("1500000000000000001", "answer-0001"));
        Assert.NotEqual(voter, other.Voter("1500000000000000000", "answer-0001"));
        Assert.DoesNotContain("1500000000000000000", voter);
        Assert.Matches("^[0-9a-f]{32}$", voter);
    }
}

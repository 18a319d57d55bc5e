using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Feedback;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>
/// A question's answer as a Discord message: the one rendering of the one answer path, shared by
/// /ask, the message context menu and gateway mentions.
/// </summary>
public sealed class AnswerResponder(QuestionAnswerer answerer, BotTexts texts, IFeedbackSink? feedback = null, VoteTokens? votes = null, TimeProvider? clock = null)
{
    public int MaxQuestionLength => answerer.MaxQuestionLength;

    /// <param name="question">The question as the user wrote it.</param>
    /// <param name="locale">The asker's Discord locale: the answer is in the question's language, the locale decides when that is unclear.</param>
    /// <param name="hide">Only the asker sees the answer, with a button to post it.</param>
    /// <param name="mention">A user the answer is addressed to, the only one pinged.</param>
    /// <param name="guildId">The server the question was asked in, for the feedback store; null in DMs.</param>
    public InteractionCallbackData Respond(string? question, string? locale = null, bool hide = false, string? mention = null, string? guildId = null) =>
        Respond(null, question, locale, hide, mention, guildId);

    /// <param name="context">The interaction, told how it went ("answered", "not_answered", "refused") for the metrics.</param>
    /// <param name="question">The question as the user wrote it.</param>
    /// <param name="locale">The asker's Discord locale.</param>
    /// <param name="hide">Only the asker sees the answer, with a button to post it.</param>
    /// <param name="mention">A user the answer is addressed to, the only one pinged.</param>
    /// <param name="guildId">The server, when there is no interaction to take it from.</param>
    public InteractionCallbackData Respond(Discord.Interactions.InteractionContext? context, string? question, string? locale, bool hide, string? mention, string? guildId = null)
    {
        var outcome = answerer.Ask(question, locale);
        if (context is not null)
        {
            context.Outcome = outcome.Answer is null ? "refused" : outcome.Answer.Answered ? "answered" : "not_answered";
        }

        if (outcome.Answer is not { } answer)
        {
            return new InteractionCallbackData
            {
                Content = texts.Say(locale, "cannot_ask", ("problem", answerer.Explain(outcome.Problem!, locale))),
                Flags = MessageFlags.Ephemeral,
                AllowedMentions = AllowedMentions.None,
            };
        }

        var say = texts.For(answer.Language);
        var buttons = new List<Component>();
        if (Record(answer, context?.Interaction.GuildId ?? guildId) is { } token)
        {
            buttons.AddRange(DiscordRenderer.VoteButtons(say, token));
        }

        if (hide)
        {
            buttons.Add(DiscordRenderer.PostButton(say));
        }

        return new InteractionCallbackData
        {
            Content = mention is null ? null : $"<@{mention}>",
            Embeds = [outcome.Kept is { } kept ? kept.Rendering(DiscordRenderer.Answer) : DiscordRenderer.Answer(answer)],
            AllowedMentions = mention is null ? AllowedMentions.None : AllowedMentions.OnlyUsers(mention),
            Flags = hide ? MessageFlags.Ephemeral : null,
            Components = buttons.Count == 0 ? null : [Component.Row([.. buttons])],
        };
    }

    /// <summary>
    /// Drops the answer into the feedback store (never waiting for it) and returns the token its
    /// vote buttons carry; null when feedback is off.
    /// </summary>
    private string? Record(Knowledge.Answers.Answer answer, string? guildId)
    {
        if (feedback is not { Enabled: true } || votes is null)
        {
            return null;
        }

        var kind = FeedbackKinds.Of(answer.Kind);
        var at = (clock ?? TimeProvider.System).GetUtcNow();
        var id = VoteTokens.NewAnswerId(at);
        var used = answer.Sites.Select(site => site.Id)
            .Concat(answer.Passages.Take(3).Select(hit => FeedbackKinds.PassageId(hit.Passage)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The gist groups unanswered questions in /gaps; answered ones are counted, not grouped.
        feedback.Record(new AnswerEvent(id, at, answer.Question, answer.Answered ? string.Empty : answer.Gist, answer.Language, kind, answer.Answered, used, guildId));
        return votes.Issue(new VoteTicket(id, kind, answer.Language, at));
    }
}

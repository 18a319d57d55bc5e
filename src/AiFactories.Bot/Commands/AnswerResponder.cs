using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>
/// A question's answer as a Discord message: the one rendering of the one answer path, shared by
/// /ask, the message context menu and gateway mentions.
/// </summary>
public sealed class AnswerResponder(QuestionAnswerer answerer, BotTexts texts)
{
    public int MaxQuestionLength => answerer.MaxQuestionLength;

    /// <param name="question">The question as the user wrote it.</param>
    /// <param name="locale">The asker's Discord locale: the answer is in the question's language, the locale decides when that is unclear.</param>
    /// <param name="hide">Only the asker sees the answer, with a button to post it.</param>
    /// <param name="mention">A user the answer is addressed to, the only one pinged.</param>
    public InteractionCallbackData Respond(string? question, string? locale = null, bool hide = false, string? mention = null) =>
        Respond(null, question, locale, hide, mention);

    /// <param name="context">The interaction, told how it went ("answered", "not_answered", "refused") for the metrics.</param>
    /// <param name="question">The question as the user wrote it.</param>
    /// <param name="locale">The asker's Discord locale.</param>
    /// <param name="hide">Only the asker sees the answer, with a button to post it.</param>
    /// <param name="mention">A user the answer is addressed to, the only one pinged.</param>
    public InteractionCallbackData Respond(Discord.Interactions.InteractionContext? context, string? question, string? locale, bool hide, string? mention)
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

        return new InteractionCallbackData
        {
            Content = mention is null ? null : $"<@{mention}>",
            Embeds = [DiscordRenderer.Answer(answer)],
            AllowedMentions = mention is null ? AllowedMentions.None : AllowedMentions.OnlyUsers(mention),
            Flags = hide ? MessageFlags.Ephemeral : null,
            Components = hide ? [DiscordRenderer.PostRow(texts.For(answer.Language))] : null,
        };
    }
}

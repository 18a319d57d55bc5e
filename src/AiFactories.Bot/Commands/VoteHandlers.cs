using System.Collections.Concurrent;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Feedback;
using AiFactories.Bot.Rendering;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Commands;

/// <summary>
/// 👍 and 👎 under an answer. The button carries a signed token (<see cref="VoteTokens"/>), so any
/// replica takes the click. 👍 is recorded and thanked privately; 👎 is recorded and opens the
/// "What was missing?" form, whose note is added when it is sent. A forged or stale token gets a
/// short private note and nothing is recorded.
/// </summary>
public sealed partial class VoteButtonHandler(VoteTokens tokens, IFeedbackSink feedback, BotTexts texts, RecentVoters recent, TimeProvider clock, ILogger<VoteButtonHandler> logger) : IComponentHandler
{
    /// <summary>The modal's prefix: "missing:TOKEN".</summary>
    public const string NotePrefix = "missing";

    /// <summary>The modal field's custom_id.</summary>
    public const string NoteField = "note";

    /// <summary>The longest note kept.</summary>
    public const int NoteLength = 300;

    public string Prefix => DiscordRenderer.VoteButtonId;

    public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var locale = context.Interaction.Locale;
        var split = argument.Split(':', 2);
        var helpful = split[0] switch { "up" => true, "down" => false, _ => (bool?)null };
        var (ticket, problem) = tokens.Read(split.Length == 2 ? split[1] : null);
        if (helpful is null && problem == VoteTokenProblem.None)
        {
            problem = VoteTokenProblem.Malformed;
        }

        if (ticket is null || helpful is null || context.Invoker?.Id is not { Length: > 0 } user || !feedback.Enabled)
        {
            LogRefused(logger, problem == VoteTokenProblem.None ? "store off or no user" : problem.ToString());
            context.Outcome = "refused";
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(locale, "vote_refused")));
        }

        var voter = tokens.Voter(user, ticket.AnswerId);
        feedback.Record(new VoteEvent(ticket.AnswerId, voter, clock.GetUtcNow(), helpful.Value, ticket.Kind, ticket.Language, null, context.Interaction.GuildId));
        var again = recent.Seen(voter);
        context.Outcome = helpful.Value ? "up" : "down";
        if (helpful.Value)
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(locale, again ? "vote_updated" : "vote_thanks")));
        }

        // The form's title and label in the answer's language, like the buttons it came from.
        var say = texts.For(ticket.Language);
        return ValueTask.FromResult(InteractionResponse.Modal(
            $"{NotePrefix}:{split[1]}",
            say("not_helpful"),
            Component.TextInput(say("what_missing"), NoteField, TextInputStyle.Paragraph, NoteLength, required: false, placeholder: say("what_missing_placeholder"))));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>The "What was missing?" form sent: the 👎 is recorded again with its note, as plain text.</summary>
public sealed partial class MissingNoteHandler(VoteTokens tokens, IFeedbackSink feedback, BotTexts texts, TimeProvider clock, ILogger<MissingNoteHandler> logger) : IComponentHandler
{
    public string Prefix => VoteButtonHandler.NotePrefix;

    public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var locale = context.Interaction.Locale;
        var (ticket, problem) = tokens.Read(argument);
        var note = Plain(context.Interaction.Data?.Submitted(VoteButtonHandler.NoteField));
        if (ticket is null || context.Interaction.Type != InteractionType.ModalSubmit || context.Invoker?.Id is not { Length: > 0 } user || !feedback.Enabled
            || note is { Length: > VoteButtonHandler.NoteLength })
        {
            LogRefused(logger, ticket is null ? problem.ToString() : note is { Length: > VoteButtonHandler.NoteLength } ? "note too long" : "not a form, no user or store off");
            context.Outcome = "refused";
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(locale, "vote_refused")));
        }

        feedback.Record(new VoteEvent(ticket.AnswerId, tokens.Voter(user, ticket.AnswerId), clock.GetUtcNow(), false, ticket.Kind, ticket.Language, note, context.Interaction.GuildId));
        context.Outcome = note is null ? "down" : "note";
        return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(locale, "vote_thanks")));
    }

    /// <summary>The note as plain text on one line: control and format characters gone, spaces collapsed; null when empty.</summary>
    internal static string? Plain(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is System.Globalization.UnicodeCategory.Control)
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }
            }
            else if (category != System.Globalization.UnicodeCategory.Format)
            {
                kept.Append(c);
            }
        }

        var plain = kept.ToString().Trim();
        return plain.Length == 0 ? null : plain;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Note refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>
/// Which voters voted lately, to say "updated" rather than "recorded" on a second vote. A hint only
/// (per process, bounded); the store replaces the vote either way.
/// </summary>
public sealed class RecentVoters
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public bool Seen(string voter)
    {
        if (_seen.Count >= Capacity)
        {
            _seen.Clear();
        }

        return !_seen.TryAdd(voter, 0);
    }
}

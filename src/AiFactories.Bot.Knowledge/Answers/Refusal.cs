using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>The honest "my sources say nothing about …", with what they do say about the subject when it has one.</summary>
internal static class Refusal
{
    public static void Refuse(QuestionPart part, IReadOnlyList<string> words, AnswerBuilder builder)
    {
        var say = builder.Say;
        builder.Add(say.Fill("unknown_terms", ("terms", say.List(words.Select(w => $"\"{w}\"").ToList()))));
        if (part.Sites.FirstOrDefault()?.Site is { } site)
        {
            var known = SiteFields.Card[site.Kind].Where(f => SiteFields.Values(site, f) is not null).Select(say.FieldLabel).ToList();
            builder.Add(say.Fill("known_about", ("subject", say.Label(site)), ("fields", say.List(known))), builder.Record(site));
        }

        builder.Refuse();
    }
}

using System.Collections.Concurrent;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Good questions the corpus can answer, from each language's suggestion templates filled in with
/// each AI Factory's name and city, ranked against what a user has typed so far.
/// </summary>
internal sealed class QuestionSuggestions(KnowledgeCorpus corpus)
{
    private readonly ConcurrentDictionary<string, List<(string Text, string Key)>> _byLanguage = new(StringComparer.Ordinal);

    private List<(string Text, string Key)> Questions(string language) => _byLanguage.GetOrAdd(language, code =>
    {
        var pack = corpus.Languages.Get(code);
        var questions = new List<(string Text, string Key)>();
        foreach (var template in pack.Suggestions.Count > 0 ? pack.Suggestions : corpus.Languages.Reference.Suggestions)
        {
            var perSite = CorpusLoader.Placeholders(template).Count > 0;
            foreach (var site in perSite ? corpus.Sites.Where(s => s.IsFactory).Cast<SiteRecord?>() : [null])
            {
                var text = site is null ? template : Phrasing.Render(template, ("city", site.City ?? site.Country), ("name", site.Name ?? site.Id));
                if (questions.All(q => q.Text != text))
                {
                    questions.Add((text, TextFolding.Key(text)));
                }
            }
        }

        return questions;
    });

    public IReadOnlyList<string> All(string language = LanguageCatalog.English) => Questions(language).Select(q => q.Text).ToList();

    /// <summary>Questions for what was typed: those starting with it, then those holding all its words; the first ones on empty input.</summary>
    public IReadOnlyList<string> For(string? typed, int max, string language = LanguageCatalog.English)
    {
        var questions = Questions(language);
        var key = TextFolding.Key(typed ?? string.Empty);
        if (key.Length == 0)
        {
            return questions.Take(max).Select(q => q.Text).ToList();
        }

        var words = key.Split(' ');
        return questions
            .Select(q => (q.Text, Rank: q.Key.StartsWith(key, StringComparison.Ordinal) ? 0 : words.All(w => q.Key.Contains(w, StringComparison.Ordinal)) ? 1 : words.Any(w => w.Length > 2 && q.Key.Contains(w, StringComparison.Ordinal)) ? 2 : 3))
            .Where(q => q.Rank < 3)
            .OrderBy(q => q.Rank)
            .Take(max)
            .Select(q => q.Text)
            .ToList();
    }
}

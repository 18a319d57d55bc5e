using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Good questions the corpus can answer, from the lexicon's suggestion templates filled in with each
/// site's fields, ranked against what a user has typed so far.
/// </summary>
internal sealed class QuestionSuggestions
{
    private readonly List<(string Text, string Key)> _questions = [];

    public QuestionSuggestions(KnowledgeCorpus corpus, SiteFormatter formatter)
    {
        foreach (var template in corpus.Lexicon.Suggestions)
        {
            var perSite = CorpusLoader.PlaceholderPattern().IsMatch(template);
            foreach (var site in perSite ? corpus.Sites.Cast<SiteRecord?>() : [null])
            {
                var text = site is null ? template : formatter.Render(template, site);
                if (_questions.All(q => q.Text != text))
                {
                    _questions.Add((text, TextFolding.Key(text)));
                }
            }
        }
    }

    public IReadOnlyList<string> All => _questions.Select(q => q.Text).ToList();

    /// <summary>Questions for what was typed: those starting with it, then those holding all its words; the first ones on empty input.</summary>
    public IReadOnlyList<string> For(string? typed, int max)
    {
        var key = TextFolding.Key(typed ?? string.Empty);
        if (key.Length == 0)
        {
            return _questions.Take(max).Select(q => q.Text).ToList();
        }

        var words = key.Split(' ');
        return _questions
            .Select(q => (q.Text, Rank: q.Key.StartsWith(key, StringComparison.Ordinal) ? 0 : words.All(w => q.Key.Contains(w, StringComparison.Ordinal)) ? 1 : words.Any(w => w.Length > 2 && q.Key.Contains(w, StringComparison.Ordinal)) ? 2 : 3))
            .Where(q => q.Rank < 3)
            .OrderBy(q => q.Rank)
            .Take(max)
            .Select(q => q.Text)
            .ToList();
    }
}

using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Collects an answer's statements, each with where it comes from, and the sites and passages it
/// shows, part after part; then makes the <see cref="Answer"/>.
/// </summary>
internal sealed class AnswerBuilder(AnswerContext context, Phrasing phrasing, string question)
{
    private readonly List<Statement> _statements = [];
    private readonly List<Citation> _citations = [];
    private readonly List<SiteRecord> _sites = [];
    private readonly HashSet<string> _siteIds = new(StringComparer.Ordinal);
    private readonly List<PassageHit> _passages = [];
    private AnswerKind? _kind;

    public Phrasing Say => phrasing;

    public int Statements => _statements.Count;

    /// <summary>Parts answered so far (a refused part adds a statement but does not count).</summary>
    public int Answered { get; private set; }

    public bool Refused { get; private set; }

    public void Add(string text, Citation? citation = null)
    {
        if (string.IsNullOrWhiteSpace(text) || _statements.Any(s => s.Text == text))
        {
            return;
        }

        int? index = null;
        if (citation is not null)
        {
            index = _citations.IndexOf(citation);
            if (index < 0)
            {
                _citations.Add(citation);
                index = _citations.Count - 1;
            }
        }

        _statements.Add(new Statement(text, index));
    }

    public void Done(AnswerKind kind)
    {
        _kind ??= kind;
        Answered++;
    }

    public void Refuse() => Refused = true;

    public void Show(IEnumerable<SiteRecord> sites)
    {
        // A set of the ids shown: a network-wide list is thousands of sites on a large corpus, of which
        // an answer shows at most MaxSites (see Build), so the rest are not even looked at.
        foreach (var site in sites)
        {
            if (_sites.Count >= context.Settings.MaxSites)
            {
                return;
            }

            if (_siteIds.Add(site.Id))
            {
                _sites.Add(site);
            }
        }
    }

    public void Show(IEnumerable<PassageHit> passages)
    {
        foreach (var hit in passages.Where(h => _passages.All(x => x.Passage.Ordinal != h.Passage.Ordinal)))
        {
            _passages.Add(hit);
        }
    }

    /// <summary>A site record as a citation: its name and the record's own sources.</summary>
    public Citation Record(SiteRecord site) => new($"{phrasing.Ui("record")}: {phrasing.Name(site)}", site.Sources, null, null);

    /// <summary>A passage as a citation: its document's title and date, its origins and its language.</summary>
    public Citation Passage(Passage passage) =>
        passage.SiteId is { } siteId && context.SitesById.TryGetValue(siteId, out var site)
            ? Record(site)
            : new(passage.Source.Title, passage.Source.Origins, passage.Source.Language, passage.Source.Date);

    public Citation FactSheet(FactEntry entry) => new($"{context.Corpus.FactSheet.Title}: {entry.Title}", entry.Sources, LanguageCatalog.English, entry.Date);

    public Answer Build(int maxSites)
    {
        var answered = Answered > 0;
        var sites = answered ? _sites.Take(maxSites).ToList() : [];
        return new Answer(
            question,
            answered,
            answered ? _kind ?? AnswerKind.Passage : AnswerKind.NotAnswered,
            string.Join("\n", _statements.Select(s => s.Text)),
            sites,
            answered ? _passages : [],
            sites.Select(s => phrasing.Card(s)).ToList())
        {
            Language = phrasing.Code,
            Statements = _statements,
            Citations = _citations,
            AsOf = context.Corpus.AsOf,
            Ui = phrasing.UiTexts,
        };
    }
}

using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Ranking;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// What the records say about a country the question names that hosts no site: the honest no, the
/// sites it is a partner of, and its dated timeline from the fact sheet.
/// </summary>
internal sealed class CountryComposer(AnswerContext context)
{
    private readonly string _firstSelection = SiteFormatter.FormatDate(context.FirstWave.Min(s => s.Announced).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    // The timeline told with a country's answer starts a year before the first selection.
    private readonly string _timelineStart = context.FirstWave.Min(s => s.Announced).AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds the country's lines to <paramref name="parts"/> and the sites it takes part in to
    /// <paramref name="sites"/>. <paramref name="detailed"/>: a sentence on the question's own topic
    /// leads the answer already; <paramref name="related"/>: a sentence about the country holding the field asked.
    /// </summary>
    public void Describe(CountryEntity country, bool detailed, RankedSentence? related, List<string> parts, List<SiteRecord> sites)
    {
        var name = country.Country.Name;
        var partnerOf = context.Corpus.Sites
            .Where(s => s.PartnerCountries.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Take(context.Settings.MaxSites)
            .ToList();
        var slots = AnswerContext.Slots(
            (Templates.Slots.Country, name),
            (Templates.Slots.Count, AnswerContext.Number(context.FirstWave.Count)),
            (Templates.Slots.Date, _firstSelection));
        if (partnerOf.Count > 0)
        {
            slots[Templates.Slots.Sites] = SiteFormatter.JoinList(partnerOf.Select(context.Formatter.Label).ToList());
            parts.Add(context.Render(Templates.Partner, slots));
            var shown = sites.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
            sites.AddRange(partnerOf.Where(p => shown.Add(p.Id)));
        }
        else
        {
            parts.Add(context.Render(detailed ? Templates.NotHostDetail : Templates.NotHost, slots));
            if (related is not null && !parts.Contains(related.Sentence.Text))
            {
                parts.Add(related.Sentence.Text);
            }
        }

        var entries = context.Corpus.FactSheet.Entries
            .Where(e => e.Date is not null && string.CompareOrdinal(e.Date, _timelineStart) >= 0 && e.Countries.Contains(name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(e => e.Date, StringComparer.Ordinal)
            .Select(e => $"{SiteFormatter.FormatDate(e.Date!)}: {SentenceNaming(e, country)}")
            .ToList();
        if (entries.Count > 0)
        {
            slots[Templates.Slots.Entries] = string.Join(" ", entries);
            parts.Add(context.Render(Templates.Timeline, slots));
        }
    }

    /// <summary>The first sentence of a fact sheet entry that names the country, or its title.</summary>
    private string SentenceNaming(FactEntry entry, CountryEntity country)
    {
        foreach (var sentence in SentenceSplitter.Split(entry.Text))
        {
            var matches = context.Entities.Match(TextFolding.Words(sentence), _ => false);
            if (matches.Any(m => m.Entity == country))
            {
                return sentence;
            }
        }

        return entry.Title + ".";
    }
}

using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Answers a question about a country: a field of its sites ("who hosts the French AI Factory"), or
/// its story: the sites it has with their wave and date, whether it was among the first seven, the
/// antennas it hosts, the sites it is a partner of, and its dated timeline from the fact sheet.
/// </summary>
internal sealed class CountryComposer(AnswerContext context, SiteFactsComposer siteFacts)
{
    private static readonly AskedKind[] FieldKinds = [AskedKind.Place, AskedKind.Organisation, AskedKind.Date, AskedKind.Amount];

    public void Compose(QuestionPart part, AnswerBuilder builder)
    {
        var say = builder.Say;
        var kind = part.SiteKind ?? SiteKinds.Factory;
        // A country question with a topic of its own ("France's national AI plan budget") is answered
        // by the sentence about the country that holds it.
        if (part.Topic.Count > 0 && !part.IsYesNo)
        {
            var entityTerms = context.Ranker.EntityTerms(part);
            var evidence = context.Ranker.Rank(part, entityTerms);
            if (evidence.FirstOrDefault(r => r.OnSubject && context.Ranker.Covers(r, part)) is { } lead)
            {
                builder.Add(context.Resolve(lead.Sentence, builder.Say), builder.Passage(context.Index.Passages[lead.Sentence.PassageOrdinal]));
                builder.Show(context.Ranker.Hits(part, [lead, .. evidence.Where(r => r != lead)], entityTerms, context.Settings.MaxPassages));
                builder.Done(AnswerKind.Country);
                return;
            }
        }

        foreach (var country in part.Countries.Take(3))
        {
            var name = country.Country.Name;
            var ofKind = context.SitesIn(name, kind);
            var sites = context.ScopeFilter(kind, context.Waves.Of(part.Scope), part.ScopeNegated) is { } inScope ? ofKind.Where(inScope).ToList() : ofKind;
            var asksField = part.Fields.Any(f => f is not (SiteFields.Country or SiteFields.Host) || !part.IsYesNo)
                || (FieldKinds.Contains(part.Kind) && !part.Negated);
            if (sites.Count > 0 && asksField && part.Kind != AskedKind.Reason && !part.IsYesNo)
            {
                // "Who is Romania working with": the sites it is a partner of, beside its own.
                if (part.Fields.Contains(SiteFields.PartnerCountries))
                {
                    PartnerOf(country, builder);
                }

                siteFacts.Compose(part with { Countries = [] }, sites, builder);
                continue;
            }

            Story(part, country, builder);
        }
    }

    private void Story(QuestionPart part, CountryEntity country, AnswerBuilder builder)
    {
        var say = builder.Say;
        var name = country.Country.Name;
        var here = context.SitesIn(name);
        var factories = here.Where(s => s.IsFactory).OrderBy(s => s.Announced).ToList();
        var antennas = here.Where(s => s.IsAntenna).ToList();
        var firstWave = factories.Where(s => s.Wave == context.FirstWave).ToList();
        var firstCount = context.Waves.All.FirstOrDefault().Count;
        var firstDate = say.Date(context.WaveDate(context.FirstWave));
        var asOf = say.Month(context.Corpus.AsOf);
        // A wave asked about ("a second-wave AI Factory", "not in the first wave") decides the yes or no
        // and which sites lead; the sentence that follows names all the country's factories, each with
        // its wave, so that "Germany has 1 AI Factory" is never said of a country that has two.
        var scope = context.ScopeFilter(SiteKinds.Factory, context.Waves.Of(part.Scope), part.ScopeNegated);
        var shown = scope is null ? factories : factories.Where(scope).ToList();

        // "Yes" or "no" answers a yes/no question only (the sentence that says a country has no AI
        // Factory does not start with a "no" of its own); and a question about the antennas of a country
        // that has one is not told it hosts no AI Factory ("Yes." then "No AI Factory here" read as a
        // contradiction; its antennas are told below).
        var noneHere = factories.Count == 0 && !(part.SiteKind == SiteKinds.Antenna && antennas.Count > 0);
        if (part.IsYesNo)
        {
            var wanted = part.SiteKind == SiteKinds.Antenna ? antennas : shown;
            builder.Add(say.Sentence(say.Word(wanted.Count > 0 ? "yes" : "no")));
        }

        // All the country's factories, those in the asked wave first: before the first wave's story when
        // some are in the wave asked about (citing the record of a single one), after it otherwise.
        List<SiteRecord> listed = shown.Count == factories.Count ? factories : [.. shown, .. factories.Except(shown)];
        void AddFactories(bool cite) => builder.Add(
            say.Fill("country_sites", ("country", say.Country(name)), ("count", AnswerContext.Number(listed.Count)),
                ("kind", say.KindName(SiteKinds.Factory, listed.Count > 1)), ("sites", say.List(listed, s => Item(s, say), context.Settings.MaxSites))),
            cite && listed.Count == 1 ? builder.Record(listed[0]) : null);

        if (shown.Count > 0)
        {
            AddFactories(cite: true);
        }
        else if (noneHere)
        {
            builder.Add(say.Fill("country_none", ("country", say.Country(name)), ("as_of", asOf)));
        }

        if (firstWave.Count == 0 && (factories.Count > 0 || part.Scope == Scope.FirstWave))
        {
            builder.Add(say.Fill("country_not_first_wave", ("country", say.Country(name)), ("count", AnswerContext.Number(firstCount)), ("date", firstDate)));
        }

        if (shown.Count == 0 && factories.Count > 0)
        {
            AddFactories(cite: false);
        }

        if (antennas.Count > 0)
        {
            builder.Add(say.Fill("country_antennas", ("country", say.Country(name)), ("count", AnswerContext.Number(antennas.Count)),
                ("kind", say.KindName(SiteKinds.Antenna, antennas.Count > 1)),
                ("sites", say.List(antennas, a => say.Fill("country_antenna_item", ("name", say.Name(a)), ("linked", say.Value(a, SiteFields.LinkedFactories))), context.Settings.MaxSites))),
                builder.Record(antennas[0]));
        }

        PartnerOf(country, builder);

        Timeline(part, country, firstWave.Count == 0, builder);
        builder.Show(shown.Count > 0 ? shown : factories.Concat(antennas));
        var entityTerms = context.Ranker.EntityTerms(part);
        builder.Show(context.Ranker.Hits(part, context.Ranker.Rank(part, entityTerms).Where(r => r.OnSubject).ToList(), entityTerms, context.Settings.MaxPassages));
        builder.Done(AnswerKind.Country);
    }

    /// <summary>The AI Factories the country is a partner country of, each citing its record.</summary>
    private void PartnerOf(CountryEntity country, AnswerBuilder builder)
    {
        var say = builder.Say;
        var name = country.Country.Name;
        var partnerOf = context.FactoriesPartneredWith(name);
        if (partnerOf.Count > 0)
        {
            builder.Add(say.Fill("country_partner", ("country", say.Country(name)), ("sites", say.List(partnerOf, say.Label, context.Settings.MaxSites))), builder.Record(partnerOf[0]));
            builder.Show(partnerOf);
            builder.Done(AnswerKind.Country);
        }
    }

    private string Item(SiteRecord site, Phrasing say) =>
        say.Fill("country_site_item", ("name", say.Name(site)), ("place", site.City ?? say.Country(site.Country)), ("wave", say.Wave(site.Wave ?? 0)), ("date", say.Date(site.Announced)));

    /// <summary>
    /// The dated fact sheet entries about the country, from a year before the first selection: for a
    /// country left out of the first wave they tell what happened; each cites its entry.
    /// </summary>
    private void Timeline(QuestionPart part, CountryEntity country, bool missedFirstWave, AnswerBuilder builder)
    {
        if (!missedFirstWave && part.Kind != AskedKind.Reason && part.Topic.Count == 0)
        {
            return;
        }

        var say = builder.Say;
        var start = context.WaveDate(context.FirstWave).AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entries = context.Corpus.FactSheet.Entries
            .Where(e => e.Date is not null && string.CompareOrdinal(e.Date, start) >= 0 && e.Countries.Contains(country.Country.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(e => e.Date, StringComparer.Ordinal)
            .Take(6);
        foreach (var entry in entries)
        {
            builder.Add($"{say.PartialDate(entry.Date!)}: {SentenceNaming(entry, country)}", builder.FactSheet(entry));
        }
    }

    /// <summary>The sentences of a fact sheet entry that name the country (two at most), or its title.</summary>
    private string SentenceNaming(FactEntry entry, CountryEntity country)
    {
        var naming = NamedBySentence(entry)
            .Where(sentence => sentence.Names.Contains(country.Name))
            .Select(sentence => sentence.Text)
            .Take(2)
            .ToList();
        return naming.Count == 0 ? entry.Title + "." : string.Join(' ', naming);
    }

    // The sentences of each fact sheet entry with the names they hold, found once: every country's
    // story reads the whole timeline.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FactEntry, List<NamingSentence>> _namedBySentence = new(ReferenceEqualityComparer.Instance);

    private List<NamingSentence> NamedBySentence(FactEntry entry) =>
        _namedBySentence.GetOrAdd(entry, static (e, entities) => SentenceSplitter.Split(e.Text)
            .Select(sentence => new NamingSentence(sentence, entities.Match(TextFolding.Words(sentence), _ => false)
                .Where(m => m.Entity is CountryEntity).Select(m => m.Entity.Name).ToHashSet(StringComparer.Ordinal)))
            .ToList(), context.Entities);

    private sealed record NamingSentence(string Text, IReadOnlySet<string> Names);
}

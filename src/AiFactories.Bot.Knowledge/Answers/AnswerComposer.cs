using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Chooses how each part of a question is answered: from the records of the sites or countries it
/// names, from the records of the network as a set, or from the best passage of evidence; and says
/// so honestly, in the asker's language, when the corpus holds none of these or the question asks
/// for something the sources never state.
/// </summary>
internal sealed class AnswerComposer(AnswerContext context, QuestionReader reader, SiteFactsComposer siteFacts, CountryComposer countries, NetworkComposer network, PassageComposer passages)
{
    public Answer Ask(string question, string? locale = null) => Answer(reader.Read(question, locale));

    public Answer Answer(ParsedQuestion parsed) => ComposeParts(parsed) with { Reading = parsed };

    private Answer ComposeParts(ParsedQuestion parsed)
    {
        if (!parsed.Language.Supported)
        {
            return Unsupported(parsed);
        }

        var builder = new AnswerBuilder(context, context.Phrasing(parsed.Language.Code), parsed.Text);
        foreach (var part in parsed.Parts)
        {
            Compose(part, builder);
        }

        if (builder.Answered == 0 && builder.Statements == 0)
        {
            builder.Add(builder.Say.Template("unanswered"));
        }

        return builder.Build(context.Settings.MaxSites);
    }

    private void Compose(QuestionPart part, AnswerBuilder builder)
    {
        if (part.Unknown.Where(u => u.InFocus).Select(u => u.Word).ToList() is { Count: > 0 } unknown)
        {
            Refusal.Refuse(part, unknown, builder);
            return;
        }

        var records = part.WithoutCueTopic;
        if (part.Sites.Count > 0)
        {
            // "Between Stuttgart and Luxembourg": a country named beside a site stands for its AI Factories.
            var sites = part.Sites.Select(s => s.Site).ToList();
            if (!part.IsYesNo)
            {
                var named = sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
                sites.AddRange(part.Countries.SelectMany(c => context.SitesIn(c.Country.Name).Where(f => f.IsFactory)).Where(f => named.Add(f.Id)).ToList());
            }

            siteFacts.Compose(records, sites, builder);
        }
        else if (part.Countries.Count > 0)
        {
            countries.Compose(records, builder);
        }
        else if (network.Select(records) is { } selected)
        {
            network.Compose(records, selected, builder);
        }
        else
        {
            passages.Compose(part, builder);
        }
    }

    private Answer Unsupported(ParsedQuestion parsed)
    {
        var english = context.Phrasing(Corpus.LanguageCatalog.English);
        var builder = new AnswerBuilder(context, english, parsed.Text);
        var names = context.Corpus.Languages.Packs.Select(p => p.Code == Corpus.LanguageCatalog.English ? p.Name : $"{p.Name} ({p.NativeName})").ToList();
        builder.Add(english.Fill("unsupported_language", ("languages", english.List(names))));
        return builder.Build(0);
    }
}

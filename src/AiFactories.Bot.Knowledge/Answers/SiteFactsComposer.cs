using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Answers a question that names sites or countries from their records: the fields asked for, or a
/// description of each site; countries through <see cref="CountryComposer"/>.
/// </summary>
internal sealed class SiteFactsComposer(AnswerContext context, CountryComposer countries)
{
    public Answer Compose(ParsedQuestion q)
    {
        var ranker = context.Ranker;
        var parts = new List<string>();
        var sites = q.Sites.Select(s => s.Site).ToList();
        var entityTerms = ranker.EntityTerms(q);
        var evidence = ranker.Rank(q, entityTerms);

        // With nothing but a question word to say what is asked, the topic words say it ("what is
        // the population of Finland", "who is the president of France"): answer only when a sentence
        // about the entity holds that topic.
        var onTopic = evidence.FirstOrDefault(r => r.OnSubject && ranker.Covers(r, q));
        if (q.Topic.Count > 0 && !q.HasStrongCue && onTopic is null)
        {
            return context.NotAnswered(q);
        }

        // A country question with a topic of its own ("France's national AI plan budget") is
        // answered by the sentence that holds it, before what the records say about the country.
        var lead = q.Sites.Count == 0 && q.Topic.Count > 0 ? onTopic : null;
        if (lead is not null)
        {
            parts.Add(lead.Sentence.Text);
        }

        // With only a field asked ("the French supercomputer"), the sentence about the country that
        // holds it follows the yes-or-no.
        var related = q.Sites.Count == 0 && q.Topic.Count == 0 && q.FieldCueWords.Count > 0
            ? evidence.FirstOrDefault(r => r.OnSubject && r.CueMatched > 0)
            : null;
        foreach (var country in q.Countries)
        {
            countries.Describe(country, detailed: lead is not null, related, parts, sites);
        }

        var siteFields = q.Fields.Where(f => sites.Count > 0).ToList();
        if (siteFields.Count > 0)
        {
            foreach (var site in sites)
            {
                parts.AddRange(siteFields.Select(field => context.Formatter.Render(field.Answer, site)));
            }
        }
        else if (sites.Count > 0 && q.Countries.Count == 0)
        {
            var best = evidence.FirstOrDefault();
            if (q.Topic.Count > 0 && best is not null && ranker.Covers(best, q) && ranker.MentionsSite(best, sites))
            {
                parts.Add(best.Sentence.Text);
            }

            parts.AddRange(sites.Select(site => context.Render(Templates.Describe, site: site)));
        }

        var kind = q.Sites.Count > 0 ? AnswerKind.Sites : AnswerKind.Country;
        return context.Answered(q, kind, parts, sites, ranker.Hits(q, evidence, entityTerms, context.Settings.MaxPassages));
    }
}

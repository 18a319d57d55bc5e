using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Answers a question about named sites from their records: the fields asked for (or that the kind
/// of question asks for: "who" the host, "where" the place, "when" the selection date, "how much" the
/// budget), counts of their lists, yes or no, or a description. A field the sources do not give is
/// said to be not reported, with what the sources disagree on when they do.
/// </summary>
internal sealed class SiteFactsComposer(AnswerContext context)
{
    public void Compose(QuestionPart part, IReadOnlyList<SiteRecord> sites, AnswerBuilder builder)
    {
        var say = builder.Say;
        var ranker = context.Ranker;
        var entityTerms = ranker.EntityTerms(part);
        var evidence = ranker.Rank(part, entityTerms, context.IdsOf(sites));
        var fields = FieldsAsked(part, sites);

        // With nothing but a question word to say what is asked, the topic words say it ("who builds the
        // MareNostrum 5 upgrade"): a sentence about the site must hold them, or the sources do not say.
        var onTopic = evidence.FirstOrDefault(r => r.OnSubject && ranker.Covers(r, part) && ranker.MentionsSite(r, sites));
        // "How many CPU cores will the Kajaani machine have": counting something that is no list of the record.
        var countsTopic = part.Kind == AskedKind.Count && !fields.Any(f => SiteFields.Get(f).IsCountable);
        var topicAsked = part.Topic.Count > 0 && (part.CompoundTopic || countsTopic || (!part.HasStrongCue && fields.Count == 0 && part.Kind != AskedKind.None));
        if (topicAsked && onTopic is null)
        {
            Refusal.Refuse(part, part.Topic.Select(t => t.CorrectedFrom ?? t.Word).ToList(), builder);
            return;
        }

        var reported = 0;
        if (onTopic is not null && part.Topic.Count > 0)
        {
            builder.Add(context.Resolve(onTopic.Sentence, say), builder.Passage(context.Index.Passages[onTopic.Sentence.PassageOrdinal]));
            reported++;
            if (part.CompoundTopic)
            {
                // "the hardware vendor", "the total budget": the sentence answers, not the field next to it.
                builder.Show(sites);
                builder.Show(ranker.Hits(part, [onTopic, .. evidence.Where(r => r != onTopic)], entityTerms, context.Settings.MaxPassages));
                builder.Done(AnswerKind.Sites);
                return;
            }
        }

        if (part.Comparison != 0 && sites.Count > 1 && Compare(part, sites, fields, builder))
        {
            builder.Show(sites);
            builder.Done(AnswerKind.Sites);
            return;
        }

        var values = new List<string>();
        var saysBack = false;
        foreach (var site in sites.Take(context.Settings.MaxSites))
        {
            var record = builder.Record(site);
            if (part.IsYesNo && part.Countries.Count > 0)
            {
                var inCountry = part.Countries.Any(c => c.Country.Name == site.Country);
                builder.Add($"{say.Sentence(say.Word(inCountry ? "yes" : "no"))} {say.FieldAnswer(site, SiteFields.City)}", record);
                reported++;
                continue;
            }

            if (fields.Count == 0)
            {
                builder.Add(Describe(site, say), record);
                reported++;
                continue;
            }

            foreach (var field in fields.Select(f => FieldOf(site, f)).Distinct(StringComparer.Ordinal))
            {
                var definition = SiteFields.Get(field);
                var raw = SiteFields.Values(site, field);
                if (!definition.AppliesTo(site))
                {
                    continue;
                }

                // "Who is the director of CINECA?", "who supplies MeluXina-AI's hardware?": the site was
                // named by the very value this field holds (its host, its machine), so the field would
                // only say that name back. The sources do not hold what was asked.
                if (raw is [var only] && NamedBy(part, site, only))
                {
                    saysBack = true;
                    continue;
                }

                values.AddRange(raw ?? []);
                reported += raw is null ? 0 : 1;
                if (part.Kind == AskedKind.Count && definition.IsCountable && raw is not null)
                {
                    builder.Add(say.Fill("count_field", ("site", say.Label(site)), ("count", AnswerContext.Number(raw.Count)), ("field", say.FieldLabel(field)), ("value", say.Value(site, field))), record);
                }
                else if (part.IsYesNo && definition.Type == FieldType.YesNo && raw is [var yesNo])
                {
                    builder.Add($"{say.Sentence(say.Word(yesNo == SiteFields.Yes ? "yes" : "no"))} {say.FieldAnswer(site, field)}", record);
                }
                else
                {
                    builder.Add(say.FieldAnswer(site, field), record);
                }

                if (raw is null)
                {
                    reported += AddFieldNotes(site, field, part, builder);
                }
                else if (definition.Type == FieldType.YesNo && raw is [SiteFields.Yes] && !part.IsYesNo && (part.Kind != AskedKind.None || part.Fields.Contains(SiteFields.Name)))
                {
                    // "What is JAIF's experimental platform called?": the record says there is one; its
                    // notes say what it is.
                    AddFieldNotes(site, field, part, builder);
                }
            }
        }

        if (saysBack && reported == 0)
        {
            Refusal.Refuse(part, AskedWords(part), builder);
            return;
        }

        builder.Show(sites);
        builder.Show(ranker.Hits(part, Backing(evidence, sites, values, part), entityTerms, context.Settings.MaxPassages));

        // When none of the fields asked for is reported, the sources do not hold the answer: said so, not answered.
        if (reported > 0 || fields.Count == 0)
        {
            builder.Done(AnswerKind.Sites);
        }
        else
        {
            builder.Refuse();
        }
    }

    /// <summary>
    /// Whether the question named the site only by this value of one of its fields (not by its own name
    /// or city, nor by anything else), and asks about that named thing: not a yes or no ("is IT4LIA
    /// hosted by CINECA?") and not which site ("which AI Factory is hosted by CINECA?").
    /// </summary>
    private static bool NamedBy(QuestionPart part, SiteRecord site, string value)
    {
        if (part.IsYesNo || part.SiteKind is not null)
        {
            return false;
        }

        // Most questions name a site by its name or city, or loosely: settled before any folding.
        var naming = part.Matches.Where(m => m.Entity is SiteEntity e && e.Site.Id == site.Id).ToList();
        if (naming.Count == 0 || naming.Any(m => !m.Exact || m.Alias == site.Name || m.Alias == site.City))
        {
            return false;
        }

        var key = TextFolding.Key(value);
        return naming.All(m => TextFolding.Key(m.Alias) == key)
            && key != TextFolding.Key(site.Name ?? "") && key != TextFolding.Key(site.City ?? "");
    }

    /// <summary>
    /// What the question asked for, in the asker's words: the words nothing explains (those it asks
    /// about first), else the words that asked for a field, as typed (the reader may have corrected them).
    /// </summary>
    private static List<string> AskedWords(QuestionPart part)
    {
        if (part.Unknown.Count > 0)
        {
            var focus = part.Unknown.Where(u => u.InFocus).ToList();
            return [.. (focus.Count > 0 ? focus : part.Unknown).Select(u => u.Word).Distinct(StringComparer.Ordinal)];
        }

        var words = part.Words.ToList();
        return [.. part.FieldCueWords
            .Select(cue => words.IndexOf(cue) is var at && at >= 0 && at < part.Typed.Count ? part.Typed[at] : cue)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>"Which has the bigger budget, BRAIN++ or JAIF?": the amounts compared, or the longer list.</summary>
    private static bool Compare(QuestionPart part, IReadOnlyList<SiteRecord> sites, List<string> fields, AnswerBuilder builder)
    {
        var say = builder.Say;
        var field = fields.FirstOrDefault() ?? SiteFields.Budget;
        var measured = sites.Select(s => (Site: s, Size: Size(s, field))).Where(m => m.Size is not null).ToList();
        if (measured.Count < 2)
        {
            return false;
        }

        var target = part.Comparison > 0 ? measured.MaxBy(m => m.Size!.Value) : measured.MinBy(m => m.Size!.Value);
        foreach (var (site, _) in measured)
        {
            builder.Add(say.FieldAnswer(site, field), builder.Record(site));
        }

        builder.Add(say.Fill(part.Comparison > 0 ? "most" : "least", ("site", say.Label(target.Site)), ("field", say.FieldLabel(field)), ("count", say.Value(target.Site, field))), builder.Record(target.Site));
        return true;
    }

    /// <summary>A field's size for comparing: the amount of a budget in euros, the length of a list.</summary>
    private static double? Size(SiteRecord site, string field)
    {
        var definition = SiteFields.Get(field);
        if (definition.IsCountable)
        {
            return definition.Read(site)?.Count;
        }

        return field == SiteFields.Budget && site.Budget is { } budget ? Money.Euros(budget.Amount) : null;
    }

    /// <summary>The fields a question asks about: its cues, else what its question word asks for.</summary>
    internal static List<string> FieldsAsked(QuestionPart part, IReadOnlyList<SiteRecord> sites)
    {
        var fields = part.Fields.Where(f => f is not (SiteFields.Name or SiteFields.Aliases) || part.Fields.Count == 1).ToList();

        // "Which countries are partners": the partner countries, not the country the site is in.
        if (fields.Contains(SiteFields.PartnerCountries))
        {
            fields.Remove(SiteFields.Country);
        }
        if (fields.Count > 1 && part.Kind == AskedKind.Place)
        {
            fields.RemoveAll(f => f is SiteFields.Announced);
        }

        if (fields.Count == 0)
        {
            fields = part.Kind switch
            {
                AskedKind.Place => sites.Any(s => s.City is null) ? [SiteFields.City, SiteFields.Location] : [SiteFields.City],
                AskedKind.Organisation => [SiteFields.Host],
                AskedKind.Date => [SiteFields.Announced],
                AskedKind.Amount => [SiteFields.Budget],
                AskedKind.Count when part.SiteKind == SiteKinds.Antenna => [SiteFields.Antennas],
                _ => [],
            };
        }
        else if (part.Kind == AskedKind.Organisation && fields.All(f => SiteFields.Get(f).Type is FieldType.Date or FieldType.Wave))
        {
            fields.Insert(0, SiteFields.Host);
        }

        return fields;
    }

    /// <summary>"antennas" of an antenna means the factories it is linked to, and the other way round.</summary>
    private static string FieldOf(SiteRecord site, string field) => (field, site.IsAntenna) switch
    {
        (SiteFields.Antennas, true) => SiteFields.LinkedFactories,
        (SiteFields.LinkedFactories, false) => SiteFields.Antennas,
        (SiteFields.City, _) when site.City is null => SiteFields.Location,
        _ => field,
    };

    internal static string Describe(SiteRecord site, Phrasing say) => site.IsFactory
        ? say.Fill("describe_factory", ("name", say.Name(site)), ("place", say.Place(site)), ("announced", say.Value(site, SiteFields.Announced)),
            ("wave", say.Value(site, SiteFields.Wave)), ("host", say.Value(site, SiteFields.Host)), ("system", say.Value(site, SiteFields.System)))
        : say.Fill("describe_antenna", ("name", say.Name(site)), ("country", say.Country(site.Country)), ("announced", say.Value(site, SiteFields.Announced)),
            ("host", say.Value(site, SiteFields.Host)), ("linked_factories", say.Value(site, SiteFields.LinkedFactories)));

    /// <summary>
    /// The record's notes about a field: for one it leaves out, why and what the sources say of a part
    /// of the site; for a yes it gives, what the thing is (the platform's name). Returns how many of them answer what was asked: a note with a figure
    /// about the very thing the question named ("Alice Recoque", the machine, rather than AI2F).
    /// </summary>
    private int AddFieldNotes(SiteRecord site, string field, QuestionPart part, AnswerBuilder builder)
    {
        var cues = context.Corpus.Languages.Reference.Fields[field].Cues.SelectMany(context.Index.Stems).ToHashSet(StringComparer.Ordinal);
        var named = part.Matches.Where(m => m.Entity is SiteEntity e && e.Site.Id == site.Id).SelectMany(m => context.Index.Stems(m.Alias)).ToHashSet(StringComparer.Ordinal);
        var answering = 0;
        foreach (var note in site.Notes.Where(n => context.NoteStems(n).Any(cues.Contains)).Take(2))
        {
            builder.Add(note, builder.Record(site));
            var stems = context.NoteStems(note);
            if (named.Count > 0 && named.All(stems.Contains) && Money.Euros(note) is not null && site.Name is { } name && !context.Index.Stems(name).All(named.Contains))
            {
                answering++;
            }
        }

        return answering;
    }

    /// <summary>
    /// The evidence that backs the answer: passages of the sites' own records or naming them, and, when
    /// fields were answered, holding one of the values; the article's list of seven does not back a
    /// partner country it never names.
    /// </summary>
    private List<Ranking.RankedSentence> Backing(List<Ranking.RankedSentence> evidence, IReadOnlyList<SiteRecord> sites, List<string> values, QuestionPart part)
    {
        var valueTerms = values.SelectMany(v => context.Index.Terms(v)).ToHashSet(StringComparer.Ordinal);
        var topicTerms = part.Topic.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        return evidence
            .Where(r => context.Ranker.MentionsSite(r, sites))
            .Where(r => (valueTerms.Count == 0 && topicTerms.Count == 0) || Sets.Share(context.Index.SentenceTerms(r.Sentence.Ordinal), valueTerms) || Sets.Share(context.Index.SentenceTerms(r.Sentence.Ordinal), topicTerms))
            .ToList();
    }
}

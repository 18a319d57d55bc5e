using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Chooses how a question is answered: from the records of the sites or countries it names, from
/// the records of the sites as a set, or from the best passage of evidence; and says so honestly
/// when the corpus holds none of these.
/// </summary>
internal sealed class AnswerComposer(QuestionReader reader, SiteFactsComposer siteFacts, SiteListComposer siteLists, PassageComposer passages)
{
    public Answer Ask(string question) => Answer(reader.Read(question));

    public Answer Answer(ParsedQuestion parsed)
    {
        if (parsed.Sites.Count > 0 || parsed.Countries.Count > 0)
        {
            return siteFacts.Compose(parsed);
        }

        if ((parsed.Fields.Count > 0 || parsed.AsksCount || parsed.AsksList) && siteLists.Select(parsed) is { } selected)
        {
            return siteLists.Compose(parsed, selected);
        }

        return passages.Compose(parsed);
    }
}

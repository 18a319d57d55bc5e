using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Understanding;

/// <summary>Questions in the EU languages are read, and answered in the asker's language.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class LanguagesTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    public static TheoryData<string, string, string> Questions => new()
    {
        { "fr", "Qui gère l'usine d'IA de Stuttgart ?", "HLRS" },
        { "de", "Welcher Supercomputer steht hinter der KI-Fabrik in Barcelona?", "MareNostrum" },
        { "it", "Chi dirige la fabbrica di IA di Atene?", "GRNET" },
        { "es", "¿Dónde está la fábrica de IA de Suecia?", "Linköping" },
        { "nl", "Welke organisatie beheert de AI-fabriek in Luxemburg?", "LuxProvide" },
        { "pl", "Kto zarządza fabryką AI w Bolonii?", "CINECA" },
        { "pt", "Quem acolhe a fábrica de IA em Itália?", "CINECA" },
        { "sv", "Vem driver AI-fabriken i Linköping?", "Linköping" },
        { "fi", "Missä Suomen tekoälytehdas sijaitsee?", "Kajaani" },
        { "el", "Ποιος φιλοξενεί το εργοστάσιο τεχνητής νοημοσύνης στην Αθήνα;", "GRNET" },
        { "cs", "Kde je továrna na AI v Itálii?", "Bologna" },
        { "ro", "Cine găzduiește fabrica de IA din Spania?", "Barcelona" },
        { "da", "Hvem driver AI-fabrikken i Kajaani?", "CSC" },
        { "bg", "Къде се намира фабриката за ИИ в Гърция?", "Pharos" },
        { "hu", "Ki üzemelteti a stuttgarti MI-gyárat?", "HLRS" },
        { "hr", "Tko upravlja tvornicom umjetne inteligencije u Ateni?", "GRNET" },
        { "lt", "Kas valdo DI gamyklą Kajaanyje?", "CSC" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void AnswersInTheLanguageOfTheQuestion(string language, string question, string expected)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(language, answer.Language);
        Assert.Contains(expected, answer.Text + string.Join(' ', answer.Cards.Select(c => c.Title)));
    }

    // A country named by its adjective as each language inflects it, and a verb after "which <field>"
    // or a budget word of the language, not taken for an unknown subject.
    public static TheoryData<string, string, string> MoreQuestions => new()
    {
        { "hu", "Ki üzemelteti a finn MI-gyárat?", "CSC" },
        { "bg", "Кой управлява българската фабрика за ИИ?", "Sofia Tech Park" },
        { "da", "Hvem driver den græske AI-fabrik?", "GRNET" },
        { "lt", "Kas valdo Suomijos DI gamyklą?", "CSC" },
        { "de", "Welche Sektoren deckt IT4LIA ab?", "IT4LIA" },
        { "fr", "Quels secteurs couvre l'usine d'IA de Barcelone ?", "BSC" },
        { "nl", "Wat is de begroting van de Sloveense AI-fabriek?", "SLAIF" },
        { "lt", "Kokiems sektoriams skirta LitAI?", "LitAI" },
    };

    [Theory]
    [MemberData(nameof(MoreQuestions))]
    public void ReadsAdjectivesVerbsAndCuesOfEachLanguage(string language, string question, string expected) =>
        AnswersInTheLanguageOfTheQuestion(language, question, expected);

    [Fact]
    public void AnswersAnEnglishQuestionInEnglishWhateverTheLocale()
    {
        var answer = _knowledge.Ask("Where is the Greek AI factory?", "de");

        Assert.Equal("en", answer.Language);
        Assert.Contains("Athens", answer.Text);
    }

    [Fact]
    public void LetsTheLocaleDecideWhenTheTextIsTooShortToTell()
    {
        var answer = _knowledge.Ask("stutgart", "fr");

        Assert.Equal("fr", answer.Language);
        Assert.Contains("HammerHAI", answer.Text);
    }

    [Theory]
    [InlineData("Где находится фабрика искусственного интеллекта в Германии?")]
    [InlineData("أين مصنع الذكاء الاصطناعي في ألمانيا؟")]
    [InlineData("德国的人工智能工厂在哪里？")]
    public void NamesTheLanguagesItReadsWhenItCannotReadTheQuestion(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.False(answer.Answered);
        Assert.Equal("en", answer.Language);
        Assert.Contains("English", answer.Text);
        Assert.Contains("Polski", answer.Text);
    }

    [Fact]
    public void AnswersAMixedQuestionInTheLanguageOfMostOfItsWords()
    {
        var answer = _knowledge.Ask("Quelle est la supercomputer de l'AI factory à Barcelone ?");

        Assert.Equal("fr", answer.Language);
    }

    [Fact]
    public void EveryLanguageHasEveryTextEnglishHasWithTheSamePlaceholders()
    {
        var languages = _knowledge.Corpus.Languages;
        var english = languages.Reference;

        Assert.True(languages.Packs.Count >= 13, $"{languages.Packs.Count} languages");
        foreach (var pack in languages.Packs)
        {
            foreach (var (section, mine, theirs) in new[] { ("ui", pack.Ui, english.Ui), ("answers", pack.Answers, english.Answers), ("values", pack.Values, english.Values) })
            {
                Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), mine.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, text) in theirs)
                {
                    Assert.True(CorpusLoader.Placeholders(text).SetEquals(CorpusLoader.Placeholders(mine[key])), $"{pack.Code} {section}.{key}");
                }
            }
        }
    }

    [Fact]
    public void EveryLanguageNamesEverySectorAndCountryOfTheRecords()
    {
        var corpus = _knowledge.Corpus;
        var sectors = corpus.Sites.SelectMany(s => s.Sectors ?? []).Distinct().ToList();
        foreach (var pack in corpus.Languages.Packs.Where(p => p.Code != LanguageCatalog.English))
        {
            var missing = sectors.Where(s => !pack.Sectors.ContainsKey(s)).Concat(corpus.Countries.Select(c => c.Name).Where(c => !pack.Countries.ContainsKey(c))).ToList();
            Assert.True(missing.Count == 0, $"{pack.Code} lacks {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void WritesCardsInTheAskersLanguage()
    {
        var card = _knowledge.Card(_knowledge.FindSite("Kajaani")!, language: "de");

        Assert.Contains(card.Fields, f => f.Key == "country" && f.Value == "Finnland");
    }
}

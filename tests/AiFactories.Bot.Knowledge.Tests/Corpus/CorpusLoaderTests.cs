using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Tests.Corpus;

public sealed class CorpusLoaderTests
{
    [Fact]
    public void LoadsTheWholeNetworkWithTheFirstWaveAndItsAntennas()
    {
        var corpus = CorpusLoader.Load(RepositoryPaths.Corpus);
        var factories = corpus.Sites.Where(s => s.IsFactory).ToList();

        Assert.Equal(19, factories.Count);
        Assert.Equal(13, corpus.Sites.Count(s => s.Kind == SiteKinds.Antenna));
        Assert.Equal(
            ["Athens", "Barcelona", "Bissen", "Bologna", "Kajaani", "Linköping", "Stuttgart"],
            factories.Where(s => s.Wave == 1).Select(s => s.City).Order(StringComparer.Ordinal));
        Assert.Equal(6, factories.Count(s => s.Wave == 2));
        Assert.Equal(6, factories.Count(s => s.Wave == 3));
        Assert.Contains(corpus.Documents, d => d.Id == "article-2024-12" && d.Paragraphs.Count > 5);
        Assert.All(corpus.FactSheet.Entries, e => Assert.NotEmpty(e.Sources));
        Assert.True(corpus.SynonymGroups >= 10);
    }

    [Fact]
    public void EachAntennaLinkIsKnownFromBothEnds()
    {
        var corpus = CorpusLoader.Load(RepositoryPaths.Corpus);
        var byId = corpus.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);

        // Slovakia's antenna is known only by its country: its link is left out, not guessed.
        var antennas = corpus.Sites.Where(s => s.Kind == SiteKinds.Antenna).ToList();
        Assert.True(antennas.Count(a => a.LinkedFactories is { Count: > 0 }) >= 12);
        foreach (var antenna in antennas)
        {
            Assert.All(antenna.LinkedFactories ?? [], id => Assert.Contains(antenna.Id, byId[id].Antennas!));
        }

        // And from the factory's end: exactly the records linking to it, in the records' order, each once.
        foreach (var factory in corpus.Sites.Where(s => s.IsFactory))
        {
            Assert.Equal(corpus.Sites.Where(s => s.LinkedFactories?.Contains(factory.Id, StringComparer.Ordinal) == true).Select(s => s.Id), factory.Antennas!);
        }
    }

    [Fact]
    public void ReadsEveryLanguageFileWithEnglishAsTheReference()
    {
        var corpus = CorpusLoader.Load(RepositoryPaths.Corpus);
        var codes = corpus.Languages.Packs.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["en", "fr", "de", "it", "es", "pt", "nl", "pl", "sv", "fi", "da", "cs", "el", "ro", "hr", "lt", "bg", "hu"]), codes);
        var english = corpus.Languages.Packs.Single(p => p.Code == "en");
        Assert.All(corpus.Languages.Packs, pack => Assert.Equal(english.Answers.Keys.Order(StringComparer.Ordinal), pack.Answers.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void TheArticleKeepsItsWordsAndDropsThePageFurniture()
    {
        var article = CorpusLoader.Load(RepositoryPaths.Corpus).Documents.Single(d => d.Id == "article-2024-12");
        var text = string.Join("\n", article.Paragraphs.Select(p => p.Text));

        Assert.DoesNotContain("Salesforce", text);
        Assert.DoesNotContain("registration", text);
        Assert.Contains("financed to the tune of 1.5 billion euros", text);
        Assert.Contains("Linkoping, Sweden (Linköping University, MIMER)", text);
        Assert.NotNull(article.Removed);
        Assert.Contains("Salesforce", article.Removed);
    }

    [Fact]
    public void EverySiteRecordNamesItsSources()
    {
        foreach (var site in CorpusLoader.Load(RepositoryPaths.Corpus).Sites)
        {
            Assert.NotEmpty(site.Sources);
            Assert.False(string.IsNullOrWhiteSpace(site.Name ?? site.Country));
        }
    }

    [Fact]
    public void ReadsJsonWithAByteOrderMarkInUtf16OrWithBrokenBytesAsItReadsPlainUtf8()
    {
        using var copy = new CorpusCopy();
        var site = copy.Read("sites/kajaani.json");
        var language = copy.Read("languages/fr.json");
        File.WriteAllText(copy.PathOf("sites/kajaani.json"), site, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(copy.PathOf("languages/fr.json"), language, System.Text.Encoding.Unicode);
        var bytes = System.Text.Encoding.UTF8.GetBytes(copy.Read("sites/athens.json"));
        var city = System.Text.Encoding.UTF8.GetBytes("\"Athens\"");
        var at = bytes.AsSpan().IndexOf(city);
        Assert.True(at > 0);
        bytes[at + 3] = 0xFF;
        File.WriteAllBytes(copy.PathOf("sites/athens.json"), bytes);

        var corpus = CorpusLoader.Load(copy.Root);

        Assert.Equal("Kajaani", corpus.Sites.Single(s => s.Id == "kajaani").City);
        Assert.Equal(CorpusLoader.Load(RepositoryPaths.Corpus).Languages.Packs.Single(p => p.Code == "fr").Ui, corpus.Languages.Packs.Single(p => p.Code == "fr").Ui);
        Assert.Equal("At\uFFFDens", corpus.Sites.Single(s => s.Id == "athens").City);
    }

    [Fact]
    public void RefusesMalformedJsonNamingTheFileAndLine()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/kajaani.json", "\"city\": \"Kajaani\",", "\"city\": \"Kajaani\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        // The missing comma is found where the next field starts.
        Assert.Equal(Path.Combine("corpus", "sites", "kajaani.json"), error.File);
        Assert.Equal(6, error.Line);
        Assert.Contains("malformed JSON", error.Message);
        Assert.StartsWith(Path.Combine("corpus", "sites", "kajaani.json") + ":6", error.Message);
    }

    [Fact]
    public void RefusesASiteWithoutARequiredField()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/athens.json", "\"country\": \"Greece\",", string.Empty);

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("athens", error.Record);
        Assert.Equal("country", error.Field);
        Assert.Contains("required field is missing", error.Message);
    }

    [Fact]
    public void RefusesAFactoryWithoutItsWave()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/athens.json", "\"wave\": 1,", string.Empty);

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("athens", error.Record);
        Assert.Equal("wave", error.Field);
    }

    [Fact]
    public void RefusesAnAntennaLinkedToAFactoryThatDoesNotExist()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/malta-antenna.json", "\"athens\"", "\"atlantis\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("malta-antenna", error.Record);
        Assert.Equal("linked_factories", error.Field);
        Assert.Contains("'atlantis'", error.Message);
    }

    [Fact]
    public void RefusesAFieldTheKindOfRecordDoesNotHave()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/malta-antenna.json", "\"country\": \"Malta\",", "\"country\": \"Malta\",\n  \"wave\": 3,");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("wave", error.Field);
        Assert.Contains("AI Factory Antenna record has no such field", error.Message);
    }

    [Fact]
    public void RefusesAnUnknownField()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/bissen.json", "\"city\": \"Bissen\",", "\"city\": \"Bissen\",\n  \"citty\": \"Bissen\",");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("bissen", error.Record);
        Assert.Equal("citty", error.Field);
        Assert.Contains("unknown field", error.Message);
    }

    [Fact]
    public void RefusesADuplicateId()
    {
        using var copy = new CorpusCopy();
        copy.Write("sites/zz-copy.json", copy.Read("sites/bologna.json"));

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("bologna", error.Record);
        Assert.Equal("id", error.Field);
        Assert.Contains("duplicate id", error.Message);
        Assert.Contains("zz-copy.json", error.File);
    }

    [Fact]
    public void RefusesAnAliasThatAnotherSiteAlreadyUses()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/stuttgart.json", "\"Stoccarda\",", "\"Stoccarda\",\n    \"Kajaani\",");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("stuttgart", error.Record);
        Assert.Equal("aliases", error.Field);
        Assert.Contains("duplicate alias 'kajaani'", error.Message);
        Assert.Contains("site 'kajaani'", error.Message);
    }

    [Fact]
    public void RefusesAnAliasThatDiffersOnlyByAccentsFromAnotherOfTheSameSite()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/athens.json", "\"Athènes\",", "\"Athènes\",\n    \"Athenes\",");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("aliases", error.Field);
        Assert.Contains("duplicate alias 'Athenes'", error.Message);
    }

    [Fact]
    public void RefusesALanguagesNameForACountryThatNamesAnotherCountry()
    {
        using var copy = new CorpusCopy();
        copy.Replace("languages/de.json", "\"Iceland\": \"Island\"", "\"Iceland\": \"Irland\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.EndsWith(Path.Combine("languages", "de.json"), error.File);
        Assert.Equal("Iceland", error.Record);
        Assert.Contains("'Irland' is a name of country 'Ireland' already", error.Message);
    }

    [Fact]
    public void RefusesACountryAliasThatNamesASite()
    {
        using var copy = new CorpusCopy();
        copy.Replace("countries.json", "\"Norwegian\",", "\"Norwegian\",\n        \"Suomi\",");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("Norway", error.Record);
        Assert.Contains("duplicate alias 'suomi'", error.Message);
    }

    [Fact]
    public void RefusesAValueOutsideTheLexiconsValues()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/barcelona.json", "\"system_kind\": \"upgrade\"", "\"system_kind\": \"refurbished\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("system_kind", error.Field);
        Assert.Contains("'refurbished' is not one of: new, upgrade, associated", error.Message);
    }

    [Fact]
    public void RefusesAWrongType()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/barcelona.json", "\"experimental_platform\": true", "\"experimental_platform\": \"yes\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("experimental_platform", error.Field);
        Assert.Contains("expected true or false, found a string", error.Message);
    }

    [Fact]
    public void RefusesAPartnerCountryNobodyKnows()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/bologna.json", "\"Slovenia\"", "\"Slovenija-typo\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("partner_countries", error.Field);
        Assert.Contains("Slovenija-typo", error.Message);
    }

    [Fact]
    public void RefusesABadDateInTheFactSheet()
    {
        using var copy = new CorpusCopy();
        copy.Replace("factsheet.json", "\"date\": \"2025-03-12\"", "\"date\": \"12/03/2025\"");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("second-wave", error.Record);
        Assert.Equal("date", error.Field);
    }

    [Fact]
    public void RefusesADocumentWhoseHeaderLacksARequiredField()
    {
        using var copy = new CorpusCopy();
        copy.Replace("documents/ai-factories-article.md", "language: en\n", string.Empty);

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("article-2024-12", error.Record);
        Assert.Equal("language", error.Field);
    }

    [Fact]
    public void RefusesAnUnknownDocumentHeaderFieldWithItsLine()
    {
        using var copy = new CorpusCopy();
        copy.Replace("documents/ai-factories-article.md", "language: en\n", "language: en\nauthor: nobody\n");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("author", error.Field);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void RefusesASynonymLineWithOneWord()
    {
        using var copy = new CorpusCopy();
        copy.Write("synonyms.txt", "# comment\nsummit, sommet\nlonely\n");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal(3, error.Line);
        Assert.Contains("synonyms.txt", error.File);
    }

    [Fact]
    public void RefusesATranslationWhosePlaceholdersDifferFromEnglish()
    {
        using var copy = new CorpusCopy();
        copy.Replace("languages/fr.json", "Hôte : {host}. Système", "Hôte : {hostess}. Système");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("fr", error.Record);
        Assert.Contains("describe_factory", error.Field);
        Assert.Contains("{hostess}", error.Message);
    }

    [Fact]
    public void RefusesALanguageFileThatLacksAKeyEnglishHas()
    {
        using var copy = new CorpusCopy();
        var french = System.Text.Json.Nodes.JsonNode.Parse(copy.Read("languages/fr.json"))!;
        french["answers"]!.AsObject().Remove("describe_antenna");
        copy.Write("languages/fr.json", french.ToJsonString());

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Equal("answers.describe_antenna", error.Field);
        Assert.Contains("every language needs every key English has", error.Message);
    }

    [Fact]
    public void RefusesACorpusWithoutTheEnglishReference()
    {
        using var copy = new CorpusCopy();
        copy.Delete("languages/en.json");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Contains("en.json", error.File);
        Assert.Contains("English is the reference language", error.Message);
    }

    [Fact]
    public void RefusesAMissingFile()
    {
        using var copy = new CorpusCopy();
        copy.Delete("countries.json");

        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(copy.Root));

        Assert.Contains("countries.json", error.File);
        Assert.Contains("required file is missing", error.Message);
    }

    [Fact]
    public void RefusesAMissingCorpusFolder()
    {
        var error = Assert.Throws<CorpusException>(() => CorpusLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid())));

        Assert.Contains("corpus folder not found", error.Message);
    }
}

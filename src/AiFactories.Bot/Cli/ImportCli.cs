using System.CommandLine;
using AiFactories.Bot.Import;

namespace AiFactories.Bot.Cli;

/// <summary>`import FILE [--id ID] [--title TEXT] [--date YYYY-MM-DD] [--origin URL] [--force]`: a PDF, a saved web page or a Markdown file into the corpus.</summary>
internal static class ImportCli
{
    public static Command Create(CliRuntime runtime)
    {
        var file = new Argument<string>("file") { Description = "A PDF (.pdf), a saved web page (.html) or a Markdown file (.md)" };
        var id = new Option<string?>("--id") { Description = "The document's id (default: from its title)" };
        var title = new Option<string?>("--title") { Description = "Its title (default: from the file)" };
        var date = new Option<string?>("--date") { Description = "Its date, YYYY-MM-DD, YYYY-MM or YYYY (default: from the file, if it says)" };
        var origin = new Option<string?>("--origin") { Description = "Where it comes from, for example its URL" };
        var language = new Option<string?>("--language") { Description = "Its language, an ISO 639-1 code (default: told from its text)" };
        var force = new Option<bool>("--force") { Description = "Replace a document with the same id" };
        var command = new Command("import", "Turn a PDF, a saved web page or a Markdown file into a corpus document; a running bot picks it up on /reload or SIGHUP")
        {
            file, id, title, date, origin, language, force,
        };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, async context =>
        {
            var request = new ImportRequest(parsed.GetValue(file)!, parsed.GetValue(id), parsed.GetValue(title), parsed.GetValue(date), parsed.GetValue(origin), parsed.GetValue(language), parsed.GetValue(force));
            var knowledge = context.Knowledge;
            try
            {
                var result = DocumentImporter.Import(request, knowledge.Options.ResolveCorpusPath(), text => knowledge.Current.DetectLanguage(text));
                await context.Output.WriteLineAsync($"wrote {result.Path}: \"{result.Title}\" (id {result.Id}), {result.Paragraphs} paragraphs, {result.Sections} sections");
                return CommandLine.Ok;
            }
            catch (ImportException e)
            {
                throw new UsageException(e.Message);
            }
        }));
        return command;
    }
}

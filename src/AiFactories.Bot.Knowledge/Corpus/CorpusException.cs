namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>The corpus is wrong; the message names the file, the record and the field.</summary>
public sealed class CorpusException : Exception
{
    public CorpusException(string file, string? record, string? field, string problem, long? line = null)
        : base(Format(file, record, field, problem, line))
    {
        File = file;
        Record = record;
        Field = field;
        Problem = problem;
        Line = line;
    }

    public string File { get; }

    public string? Record { get; }

    public string? Field { get; }

    public string Problem { get; }

    public long? Line { get; }

    private static string Format(string file, string? record, string? field, string problem, long? line)
    {
        var where = file + (line is { } l ? $":{l}" : string.Empty);
        if (record is not null)
        {
            where += $", record '{record}'";
        }

        if (field is not null)
        {
            where += $", field '{field}'";
        }

        return $"{where}: {problem}";
    }
}

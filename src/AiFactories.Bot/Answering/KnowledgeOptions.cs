using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Answering;

/// <summary>Settings of the knowledge layer, bound from the "Knowledge" section.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The corpus folder; a relative path is under the content root (the executable's folder, or --content-root).</summary>
    public string CorpusPath { get; set; } = "corpus";

    public int MaxQuestionLength { get; set; } = 1000;

    public double MinCoverage { get; set; } = 0.5;

    public int MaxPassages { get; set; } = 3;

    /// <summary>
    /// How many answers to questions asked again to keep at least (up to twice as many, and the hashes
    /// of four times as many questions asked once; see AnswerCache); 0: none, every question is composed.
    /// </summary>
    public int AnswerCacheSize { get; set; } = 128;

    /// <summary>The content root a relative corpus path is under; set by the host, the executable's folder otherwise.</summary>
    internal string? BaseDirectory { get; set; }

    /// <summary>The corpus folder this configuration points at.</summary>
    public string ResolveCorpusPath() =>
        Path.IsPathRooted(CorpusPath) ? CorpusPath : Path.GetFullPath(Path.Combine(BaseDirectory ?? AppContext.BaseDirectory, CorpusPath));
}

internal sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CorpusPath))
        {
            failures.Add("Knowledge:CorpusPath must name the corpus folder.");
        }

        if (options.MaxQuestionLength is < 10 or > 6000)
        {
            failures.Add($"Knowledge:MaxQuestionLength must be between 10 and 6000 (it is {options.MaxQuestionLength}).");
        }

        if (options.MinCoverage is <= 0 or > 1)
        {
            failures.Add($"Knowledge:MinCoverage must be above 0 and at most 1 (it is {options.MinCoverage}).");
        }

        if (options.MaxPassages is < 1 or > 10)
        {
            failures.Add($"Knowledge:MaxPassages must be between 1 and 10 (it is {options.MaxPassages}).");
        }

        if (options.AnswerCacheSize is < 0 or > 100_000)
        {
            failures.Add($"Knowledge:AnswerCacheSize must be between 0 (no cache) and 100000 (it is {options.AnswerCacheSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

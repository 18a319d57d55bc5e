using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Answering;

/// <summary>Settings of the knowledge layer, bound from the "Knowledge" section.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The corpus folder; a relative path is looked for in the working directory, then beside the executable.</summary>
    public string CorpusPath { get; set; } = "corpus";

    public int MaxQuestionLength { get; set; } = 1000;

    public double MinCoverage { get; set; } = 0.5;

    public int MaxPassages { get; set; } = 3;

    /// <summary>The corpus folder this configuration points at, or the first place it was looked for.</summary>
    public string ResolveCorpusPath()
    {
        if (Path.IsPathRooted(CorpusPath))
        {
            return CorpusPath;
        }

        var fromWorkingDirectory = Path.GetFullPath(CorpusPath);
        if (Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, CorpusPath);
        return Directory.Exists(besideExecutable) ? besideExecutable : fromWorkingDirectory;
    }
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace AiFactories.Bot.Tests.Shared;

/// <summary>Finds the repository (the folder holding the solution) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    public static string OwnQuestionSet => Path.Combine(Root, "tests", "eval", "questions.jsonl");

    /// <summary>The shared folder beside the checkout; present for developers and CI, absent in a user's clone.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AiFactories.Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (AiFactories.Bot.sln) was not found above " + AppContext.BaseDirectory);
    }
}

namespace AiFactories.Bot.Tests.Shared;

/// <summary>A throw-away copy of the real corpus that a test breaks or extends on purpose.</summary>
public sealed class CorpusCopy : IDisposable
{
    public CorpusCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "aifactories-corpus-" + Guid.NewGuid().ToString("N"), "corpus");
        Copy(RepositoryPaths.Corpus, Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Replaces one exact piece of a file; fails the test if the piece is not there.</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        var text = Read(relative);
        Assert.Contains(oldText, text);
        Write(relative, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        // Not the index kept beside the corpus (corpus/.index): each copy is indexed on its own.
        foreach (var directory in Directory.GetDirectories(from).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

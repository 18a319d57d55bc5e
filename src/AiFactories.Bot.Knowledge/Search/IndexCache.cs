using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Store;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// The built Lucene index kept on disk beside the corpus (<c>corpus/.index/KEY</c>), keyed by a hash of
/// every corpus file and of the engine's own build, so that a process that starts on a corpus it has
/// seen opens the index instead of building it. Best effort both ways: a cache that cannot be written
/// (a read-only corpus) is skipped, and one that cannot be read or does not match is built again.
/// </summary>
internal static class IndexCache
{
    public const string FolderName = ".index";

    /// <summary>The key of a corpus: its files' paths and bytes, and the engine build that indexes them.</summary>
    public static string Key(string corpusRoot)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(IndexCache).Module.ModuleVersionId.ToByteArray());
        var files = System.IO.Directory.EnumerateFiles(corpusRoot, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(corpusRoot, path).Replace('\\', '/')))
            .Where(f => !f.Relative.StartsWith(FolderName + "/", StringComparison.Ordinal))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        // Read through one buffer: the corpus is read whole at every start, and reading each file
        // into an array of its own made a megabyte of garbage for the first collections to sweep.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var (path, relative) in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    /// <summary>Whether a copy is kept under the corpus's current key (whether it opens is only known by opening it).</summary>
    public static bool IsKept(string corpusRoot)
    {
        try
        {
            return System.IO.Directory.Exists(Path.Combine(corpusRoot, FolderName, Key(corpusRoot)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The cached index for the key, read into memory and opened (the reader is the one the index
    /// keeps), or null when there is none, it does not open, or it is not laid out as the index expects
    /// (<paramref name="fits"/>: its documents, segments and fields).
    /// </summary>
    public static (RAMDirectory Directory, Lucene.Net.Index.DirectoryReader Reader)? TryOpen(string corpusRoot, string key, Func<Lucene.Net.Index.DirectoryReader, bool> fits)
    {
        var folder = Path.Combine(corpusRoot, FolderName, key);
        if (!System.IO.Directory.Exists(folder))
        {
            return null;
        }

        try
        {
            using var disk = FSDirectory.Open(folder);
            var memory = new RAMDirectory(disk, IOContext.READ_ONCE);
            var reader = Lucene.Net.Index.DirectoryReader.Open(memory);
            if (fits(reader))
            {
                return (memory, reader);
            }

            reader.Dispose();
            memory.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or ArgumentException)
        {
        }

        // Damaged or from another layout: built again, and this copy goes.
        TryDelete(folder);
        return null;
    }

    /// <summary>Writes the built index under its key (whole or not at all), and removes the copies of other keys.</summary>
    public static bool TrySave(Lucene.Net.Store.Directory built, string corpusRoot, string key)
    {
        var root = Path.Combine(corpusRoot, FolderName);
        var staging = Path.Combine(root, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(staging);
            using (var disk = FSDirectory.Open(staging))
            {
                foreach (var file in built.ListAll())
                {
                    built.Copy(disk, file, file, IOContext.DEFAULT);
                }

                disk.Sync(built.ListAll());
            }

            var target = Path.Combine(root, key);
            if (System.IO.Directory.Exists(target))
            {
                // Another process got there first with the same index.
                TryDelete(staging);
            }
            else
            {
                System.IO.Directory.Move(staging, target);
            }

            foreach (var other in System.IO.Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) != key && !d.EndsWith(".tmp", StringComparison.Ordinal)))
            {
                TryDelete(other);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

using System.Collections.Concurrent;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

/// <summary>Loads each real tokenizer once per test run (the large ones take a second or more to parse).</summary>
internal static class TokenizerCache
{
    private static readonly ConcurrentDictionary<string, Lazy<HfTokenizer>> Loaded = new();

    public static HfTokenizer Folder(string relativeFolder)
    {
        string folder = SharedModels.Require(relativeFolder.Split('/'));
        return Loaded.GetOrAdd(folder, f => new Lazy<HfTokenizer>(() => HfTokenizer.FromFolder(f))).Value;
    }
}

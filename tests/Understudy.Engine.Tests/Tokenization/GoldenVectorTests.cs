using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

/// <summary>
/// llama.cpp's tokenizer test inputs with the ids Hugging Face <c>tokenizers</c> produced for them (encoded without
/// special tokens, as the <c>.out</c> files show: none starts with BOS), matched case by case.
/// </summary>
public class GoldenVectorTests
{
    public static TheoryData<string, string> Suites => new()
    {
        { "ggml-vocab-llama-spm.gguf", "tokenizers/llama2-derived" },
        { "ggml-vocab-llama-bpe.gguf", "tokenizers/llama3" },
        { "ggml-vocab-qwen2.gguf", "tokenizers/qwen3" },
    };

    [Theory]
    [MemberData(nameof(Suites))]
    public void Encode_matches_the_reference_ids_for_every_llama_cpp_test_case(string suite, string tokenizerFolder)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(tokenizerFolder);
        var cases = ReadCases(suite);

        var failures = new List<string>();
        foreach ((string input, int[] expected) in cases)
        {
            int[] actual = [.. tokenizer.Encode(input, addSpecialTokens: false)];
            if (!actual.SequenceEqual(expected))
                failures.Add($"input {Escape(input)}\n  expected {string.Join(' ', expected)}\n  actual   {string.Join(' ', actual)}");
        }

        Assert.True(cases.Count >= 40, $"Only {cases.Count} cases read from {suite}.");
        Assert.True(failures.Count == 0, $"{failures.Count}/{cases.Count} cases differ:\n{string.Join('\n', failures)}");
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Decode_of_the_reference_ids_gives_back_each_input(string suite, string tokenizerFolder)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(tokenizerFolder);
        foreach ((string input, int[] expected) in ReadCases(suite))
        {
            Assert.Equal(input, tokenizer.Decode(expected));
        }
    }

    [Fact]
    public void Llama3_reference_ids_depend_on_honouring_ignore_merges()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(SharedModels.Require("tokenizers", "llama3", "tokenizer.json")))!;
        json["model"]!["ignore_merges"] = false;
        HfTokenizer mergingAlways = HfTokenizer.Parse(json.ToJsonString());

        int differing = ReadCases("ggml-vocab-llama-bpe.gguf").Count(c => !mergingAlways.Encode(c.Input, addSpecialTokens: false).SequenceEqual(c.Ids));

        Assert.True(differing > 0, "Every case also matches without ignore_merges, so the vectors would not test it.");
    }

    private static List<(string Input, int[] Ids)> ReadCases(string suite)
    {
        string inputs = File.ReadAllText(SharedModels.Require("tokenizer-vectors", suite + ".inp"));
        string[] outputs = File.ReadAllLines(SharedModels.Require("tokenizer-vectors", suite + ".out"));
        string[] pieces = inputs.Split("\n__ggml_vocab_test__\n");
        Assert.Equal(outputs.Length, pieces.Length - 1);
        return pieces.Take(outputs.Length)
            .Select((input, i) => (input, outputs[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()))
            .ToList();
    }

    private static string Escape(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Understudy.Bench.Tokenizers;
using Understudy.Engine.Tokenization;

// Usage: dotnet run -c Release --project bench/Understudy.Bench.Tokenizers -- [MODELS_DIR]
// (MODELS_DIR defaults to $UNDERSTUDY_TEST_MODELS). Reports encode throughput of HfTokenizer as a ratio against
// Microsoft.ML.Tokenizers loaded with the same vocabulary, measured in the same run, plus how often the ids agree.
string root = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS")
    ?? throw new InvalidOperationException("Pass the models folder or set UNDERSTUDY_TEST_MODELS.");
IReadOnlyList<string> corpus = BenchCorpus.Build(repeat: 400, salt: 0);
Console.WriteLine($"corpus: {corpus.Count} texts, {corpus.Sum(t => t.Length)} chars");

string qwenFolder = Path.Combine(root, "tokenizers", "qwen3");
HfTokenizer qwen = HfTokenizer.FromFolder(qwenFolder);
Tokenizer qwenBaseline = QwenWithMicrosoftBpe(Path.Combine(qwenFolder, "tokenizer.json"));
Compare("Qwen3 byte-level BPE", t => qwen.Encode(t, false).Count, t => qwenBaseline.EncodeToIds(t).Count,
    t => qwen.Encode(t, false).SequenceEqual(qwenBaseline.EncodeToIds(t)));

string llamaFolder = Path.Combine(root, "tokenizers", "llama2-derived");
HfTokenizer llama = HfTokenizer.FromFolder(llamaFolder);
using Stream model = File.OpenRead(Path.Combine(llamaFolder, "tokenizer.model"));
LlamaTokenizer llamaBaseline = LlamaTokenizer.Create(model, addBeginOfSentence: false, addEndOfSentence: false);
Compare("Llama 2 SentencePiece BPE + byte fallback", t => llama.Encode(t, false).Count, t => llamaBaseline.EncodeToIds(t).Count,
    t => llama.Encode(t, false).SequenceEqual(llamaBaseline.EncodeToIds(t)));

void Compare(string name, Func<string, int> ours, Func<string, int> baseline, Func<string, bool> agrees)
{
    int agreeing = corpus.Take(60).Count(agrees);
    (double oursSeconds, long tokens) = Time(ours);
    (double baselineSeconds, _) = Time(baseline);
    Console.WriteLine($"{name}: {tokens / oursSeconds / 1e6:F2} M tokens/s vs Microsoft.ML.Tokenizers {tokens / baselineSeconds / 1e6:F2} M tokens/s " +
        $"→ ratio {baselineSeconds / oursSeconds:F2}x (>1 = HfTokenizer faster); ids identical on {agreeing}/60 texts");
}

(double Seconds, long Tokens) Time(Func<string, int> encode)
{
    foreach (string text in corpus.Take(200)) encode(text);
    var best = double.MaxValue;
    long tokens = 0;
    for (int round = 1; round <= 3; round++)
    {
        // Fresh texts each round: a tokenizer's cache of whole texts must not turn the measurement into lookups.
        IReadOnlyList<string> texts = BenchCorpus.Build(repeat: 400, salt: round);
        var watch = Stopwatch.StartNew();
        tokens = 0;
        foreach (string text in texts) tokens += encode(text);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    return (best, tokens);
}

static Tokenizer QwenWithMicrosoftBpe(string tokenizerJson)
{
    using JsonDocument document = JsonDocument.Parse(File.ReadAllText(tokenizerJson));
    JsonElement model = document.RootElement.GetProperty("model");
    var vocabulary = model.GetProperty("vocab").EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())).ToList();
    var merges = model.GetProperty("merges").EnumerateArray().Select(m => m[0].GetString() + " " + m[1].GetString()).ToList();
    var specials = document.RootElement.GetProperty("added_tokens").EnumerateArray()
        .ToDictionary(t => t.GetProperty("content").GetString()!, t => t.GetProperty("id").GetInt32());
    string pattern = document.RootElement.GetProperty("pre_tokenizer").GetProperty("pretokenizers")[0].GetProperty("pattern").GetProperty("Regex").GetString()!;
    return BpeTokenizer.Create(new BpeOptions(vocabulary)
    {
        Merges = merges,
        ByteLevel = true,
        SpecialTokens = specials,
        PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), specials),
    });
}

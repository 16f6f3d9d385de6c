using System.Text.Json;
using Understudy.Engine.Generation.Constraints;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Generation.Constraints;

public class JsonTokenConstraintTests
{
    private static readonly CharacterTokenizer Tokenizer = new();

    [Fact]
    public void At_the_start_only_whitespace_or_an_opening_brace_or_bracket_is_allowed_and_never_end_of_sequence()
    {
        var constraint = new JsonTokenConstraint(TokenTexts.For(Tokenizer), Tokenizer.EosTokenIds);
        var allowed = new bool[Tokenizer.VocabularySize + 5];

        int count = constraint.FillAllowed(allowed);

        Assert.Equal(3, count);
        Assert.Equal([" ", "[", "{"], AllowedTexts(allowed).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void End_of_sequence_is_allowed_only_once_the_value_is_complete()
    {
        var constraint = new JsonTokenConstraint(TokenTexts.For(Tokenizer), Tokenizer.EosTokenIds);
        var allowed = new bool[Tokenizer.VocabularySize];
        foreach (int id in Tokenizer.Encode("{\"a\":1", addSpecialTokens: false)) constraint.Accept(id);
        constraint.FillAllowed(allowed);
        Assert.False(allowed[2]);
        Assert.Contains("}", AllowedTexts(allowed));
        Assert.Contains("0", AllowedTexts(allowed));
        Assert.DoesNotContain("a", AllowedTexts(allowed));

        constraint.Accept(Tokenizer.Encode("}", addSpecialTokens: false)[0]);
        constraint.FillAllowed(allowed);

        Assert.True(constraint.IsComplete);
        Assert.True(allowed[2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Any_choice_among_the_allowed_tokens_ends_in_json_that_parses(int seed)
    {
        var random = new Random(seed);
        var constraint = new JsonTokenConstraint(TokenTexts.For(Tokenizer), Tokenizer.EosTokenIds);
        var allowed = new bool[Tokenizer.VocabularySize];
        var ids = new List<int>();

        for (int step = 0; step < 400; step++)
        {
            constraint.FillAllowed(allowed);
            if (allowed[2]) break;
            // A random walk that leans towards closing, so the value ends within the budget.
            int[] candidates = [.. Enumerable.Range(0, allowed.Length).Where(id => allowed[id])];
            int[] closers = [.. candidates.Where(id => Tokenizer.Decode([id]) is "}" or "]" or "\"")];
            int chosen = closers.Length > 0 && random.NextDouble() < 0.3 ? closers[random.Next(closers.Length)] : candidates[random.Next(candidates.Length)];
            constraint.Accept(chosen);
            ids.Add(chosen);
        }

        Assert.True(constraint.IsComplete, Tokenizer.Decode(ids));
        JsonDocument.Parse(Tokenizer.Decode(ids)).Dispose();
    }

    [Fact]
    public void When_no_token_can_continue_the_value_only_end_of_sequence_is_allowed()
    {
        // A vocabulary with no quote and no closing brace: after "{" and the whitespace cap nothing can follow.
        string?[] texts = [null, "{", " "];
        var constraint = new JsonTokenConstraint(texts, [0]);
        var allowed = new bool[texts.Length];
        constraint.Accept(1);
        for (int i = 0; i < JsonPrefix.MaxWhitespaceRun; i++) constraint.Accept(2);

        int count = constraint.FillAllowed(allowed);

        Assert.False(constraint.IsComplete);
        Assert.Equal(1, count);
        Assert.Equal([true, false, false], allowed);
    }

    [Fact]
    public void Accepting_a_token_that_was_not_allowed_is_an_error()
    {
        var constraint = new JsonTokenConstraint(TokenTexts.For(Tokenizer), Tokenizer.EosTokenIds);

        var error = Assert.Throws<InvalidOperationException>(() => constraint.Accept(Tokenizer.Encode("a", addSpecialTokens: false)[0]));

        Assert.Contains("does not continue the JSON output", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> AllowedTexts(bool[] allowed) =>
        Enumerable.Range(0, Tokenizer.VocabularySize).Where(id => allowed[id] && id >= 3).Select(id => Tokenizer.Decode([id]));
}

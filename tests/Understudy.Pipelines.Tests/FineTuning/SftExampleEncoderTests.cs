using Understudy.Core.Datasets;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Tokenization;
using Understudy.Pipelines.FineTuning;
using Understudy.Testing.Models;

namespace Understudy.Pipelines.Tests.FineTuning;

public sealed class SftExampleEncoderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-sft-encoder-").FullName;
    private readonly HfTokenizer _tokenizer;

    public SftExampleEncoderTests()
    {
        TinyChatModel.Write(_folder);
        _tokenizer = HfTokenizer.FromFolder(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SftConversation Conversation(params (string Role, string Content)[] turns) =>
        new("test row", turns.Select(t => new ChatTurn(t.Role, t.Content)).ToList());

    [Fact]
    public void Every_assistant_turn_is_a_target_and_nothing_else_token_by_token()
    {
        var encoder = new SftExampleEncoder(ChatPromptFormatter.FromTokenizer(_tokenizer), _tokenizer, 512);

        var example = encoder.Encode(Conversation(("system", "be brief"), ("user", "hi"), ("assistant", "yo"), ("user", "more"), ("assistant", "ok")));

        string rendered = _tokenizer.Decode(example.InputIds, skipSpecialTokens: false);
        Assert.Equal("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nyo<|im_end|>\n" +
                     "<|im_start|>user\nmore<|im_end|>\n<|im_start|>assistant\nok<|im_end|>\n", rendered);
        // Token by token: the targets are exactly the two answers and their end markers.
        var targets = example.InputIds.Where((_, i) => example.IsTarget[i]).ToArray();
        Assert.Equal([.. _tokenizer.Encode("yo", false), TinyChatModel.ImEnd, .. _tokenizer.Encode("\n", false),
                      .. _tokenizer.Encode("ok", false), TinyChatModel.ImEnd, .. _tokenizer.Encode("\n", false)], targets);
    }

    [Fact]
    public void Eos_is_appended_when_the_template_does_not_end_the_answer_with_a_stop_token()
    {
        var plain = new ChatPromptFormatter(_tokenizer, ChatTemplate.Parse("{% for m in messages %}{{ m.content }}\n{% endfor %}"), null, "<|im_end|>");
        var encoder = new SftExampleEncoder(plain, _tokenizer, 512);

        var example = encoder.Encode(Conversation(("user", "hi"), ("assistant", "yo")));

        Assert.Equal(TinyChatModel.ImEnd, example.InputIds[^1]);
        Assert.True(example.IsTarget[^1]);
    }

    [Fact]
    public void Long_examples_are_truncated_and_counted()
    {
        var encoder = new SftExampleEncoder(ChatPromptFormatter.FromTokenizer(_tokenizer), _tokenizer, 40);

        var examples = encoder.EncodeAll([Conversation(("user", "hi"), ("assistant", "yo")), Conversation(("user", new string('x', 60)), ("assistant", "yo"))]);

        Assert.Equal(1, encoder.TruncatedRows);
        Assert.Equal(40, examples[1].InputIds.Count);
        Assert.True(examples[0].InputIds.Count < 40);
    }

    [Fact]
    public void A_conversation_without_a_final_answer_is_an_error_naming_its_row()
    {
        var encoder = new SftExampleEncoder(ChatPromptFormatter.FromTokenizer(_tokenizer), _tokenizer, 64);
        var error = Assert.Throws<InvalidDataException>(() => encoder.Encode(Conversation(("user", "hi"))));
        Assert.Contains("test row", error.Message);
    }
}

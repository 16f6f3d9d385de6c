using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Tests.Tokenization;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.ChatTemplates;

public class ChatPromptFormatterTests
{
    private const string ChatMlTemplate =
        "{% for m in messages %}<|end|>{{ m.role }}\n{{ m.content }}<|end|>\n{% endfor %}{% if add_generation_prompt %}<|end|>assistant\n{% endif %}";

    private static readonly ChatTemplateMessage[] Conversation = [ChatTemplateMessage.User("hello"), ChatTemplateMessage.Assistant("hel")];

    [Fact]
    public void Training_targets_are_exactly_the_answer_after_the_generation_prompt()
    {
        HfTokenizer tokenizer = TinyTokenizers.Load(TinyTokenizers.ByteLevel());
        var formatter = new ChatPromptFormatter(tokenizer, ChatTemplate.Parse(ChatMlTemplate), null, "<|end|>");

        ChatTrainingExample example = formatter.EncodeForTraining(Conversation);

        IReadOnlyList<int> prompt = formatter.EncodePrompt(Conversation[..1]);
        Assert.Equal(prompt, example.InputIds.Take(prompt.Count));
        Assert.All(example.IsTarget.Take(prompt.Count), isTarget => Assert.False(isTarget));
        string answer = tokenizer.Decode(example.InputIds.Where((_, i) => example.IsTarget[i]), skipSpecialTokens: false);
        Assert.Equal("hel<|end|>\n", answer);
    }

    [Fact]
    public void Training_rejects_a_conversation_that_does_not_end_with_the_assistant()
    {
        HfTokenizer tokenizer = TinyTokenizers.Load(TinyTokenizers.ByteLevel());
        var formatter = new ChatPromptFormatter(tokenizer, ChatTemplate.Parse(ChatMlTemplate), null, null);
        Assert.Throws<ArgumentException>(() => formatter.EncodeForTraining([ChatTemplateMessage.User("hello")]));
    }

    [Fact]
    public void A_tokenizer_without_a_chat_template_is_reported_with_what_to_add()
    {
        HfTokenizer tokenizer = TinyTokenizers.Load(TinyTokenizers.ByteLevel());
        var error = Assert.Throws<InvalidOperationException>(() => ChatPromptFormatter.FromTokenizer(tokenizer));
        Assert.Contains("chat_template", error.Message);
    }

    [Theory]
    [InlineData("tokenizers/qwen3", "<|im_end|>")]
    [InlineData("tokenizers/llama3_1", "<|eot_id|>")]
    [InlineData("tokenizers/gemma3", "<end_of_turn>")]
    public void Real_tokenizers_train_on_the_answer_and_stop_on_their_end_of_turn_marker(string folder, string endOfTurn)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(folder);
        ChatPromptFormatter formatter = ChatPromptFormatter.FromTokenizer(tokenizer);

        ChatTrainingExample example = formatter.EncodeForTraining(
            [ChatTemplateMessage.User("Convert 3 km to metres."), ChatTemplateMessage.Assistant("3000 metres.")]);

        string answer = tokenizer.Decode(example.InputIds.Where((_, i) => example.IsTarget[i]), skipSpecialTokens: false);
        Assert.Contains("3000 metres.", answer);
        Assert.Contains(endOfTurn, answer);
        Assert.Contains(tokenizer.TokenToId(endOfTurn)!.Value, formatter.StopTokenIds);
        Assert.Equal(tokenizer.Encode(formatter.Render([ChatTemplateMessage.User("Convert 3 km to metres.")], true), addSpecialTokens: false),
            formatter.EncodePrompt([ChatTemplateMessage.User("Convert 3 km to metres.")]));
    }
}

using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Tokenization;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// Turns conversations into training examples with the model's own chat template (the one inference uses): loss on
/// every assistant turn, EOS appended when the template does not end the answer with a stop token, and examples
/// longer than max_seq_length truncated (and counted).
/// </summary>
public sealed class SftExampleEncoder(ChatPromptFormatter formatter, ITokenizer tokenizer, int maxSeqLength)
{
    /// <summary>Examples truncated so far.</summary>
    public int TruncatedRows { get; private set; }

    /// <summary>Encodes every conversation; a conversation that cannot be trained on is an error naming its row.</summary>
    public List<ChatTrainingExample> EncodeAll(IEnumerable<SftConversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        return conversations.Select(Encode).ToList();
    }

    /// <summary>Encodes one conversation.</summary>
    public ChatTrainingExample Encode(SftConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ChatTrainingExample example;
        try
        {
            example = formatter.EncodeForTraining(conversation.Messages.Select(m => new ChatTemplateMessage(m.Role, m.Content)).ToList());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ChatTemplateException)
        {
            throw new InvalidDataException($"{conversation.Location}: cannot be used for fine-tuning: {e.Message}", e);
        }
        example = WithEos(example);
        if (example.InputIds.Count <= maxSeqLength) return example;
        TruncatedRows++;
        return new ChatTrainingExample(example.InputIds.Take(maxSeqLength).ToList(), example.IsTarget.Take(maxSeqLength).ToList());
    }

    private ChatTrainingExample WithEos(ChatTrainingExample example)
    {
        int? eos = tokenizer.EosTokenIds.Count > 0 ? tokenizer.EosTokenIds[0] : null;
        if (eos is null) return example;
        int lastTarget = example.IsTarget.Count - 1;
        while (lastTarget >= 0 && !example.IsTarget[lastTarget]) lastTarget--;
        int firstOfAnswer = lastTarget;
        while (firstOfAnswer > 0 && example.IsTarget[firstOfAnswer - 1]) firstOfAnswer--;
        var stops = formatter.StopTokenIds.ToHashSet();
        for (int i = Math.Max(0, firstOfAnswer); i <= lastTarget; i++)
        {
            if (stops.Contains(example.InputIds[i])) return example;
        }
        return new ChatTrainingExample([.. example.InputIds, eos.Value], [.. example.IsTarget, true]);
    }
}

namespace Understudy.Engine.ChatTemplates;

/// <summary>A conversation encoded for supervised fine-tuning: the ids and which of them the loss is computed on.</summary>
/// <param name="InputIds">The ids of the whole rendered conversation.</param>
/// <param name="IsTarget">Per id: true for assistant tokens the model learns to produce, false for the prompt.</param>
public sealed record ChatTrainingExample(IReadOnlyList<int> InputIds, IReadOnlyList<bool> IsTarget);

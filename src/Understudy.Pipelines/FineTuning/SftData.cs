using Understudy.Core.Datasets;

namespace Understudy.Pipelines.FineTuning;

/// <summary>The conversations a run trains and evaluates on, with where they came from.</summary>
/// <param name="Train">Training conversations (each ends with an assistant turn).</param>
/// <param name="Eval">Eval conversations.</param>
/// <param name="Sources">One line per dataset split read: "id:split (used/available rows)".</param>
/// <param name="Notes">Splits that were skipped and why.</param>
public sealed record SftData(
    IReadOnlyList<SftConversation> Train, IReadOnlyList<SftConversation> Eval, IReadOnlyList<string> Sources, IReadOnlyList<string> Notes);

/// <summary>One conversation and where it was read (for error messages).</summary>
public sealed record SftConversation(string Location, IReadOnlyList<ChatTurn> Messages);

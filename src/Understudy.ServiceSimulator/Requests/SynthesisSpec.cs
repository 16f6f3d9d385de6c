using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// What a synthesis prompt asks for: <see cref="Count"/> new pairs like the seed examples, returned as
/// <c>{"ContainerKey": [{"PromptKey": "...", "ResponseKey": "..."}, ...]}</c>.
/// </summary>
/// <param name="Seeds">Each seed example's instruction (with its ticket) and the category computed from that ticket.</param>
public sealed record SynthesisSpec(
    IReadOnlyList<(string Instruction, TicketCategory Category)> Seeds,
    int Count,
    string ContainerKey,
    string PromptKey,
    string ResponseKey);

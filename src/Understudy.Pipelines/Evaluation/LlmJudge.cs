using Microsoft.Extensions.AI;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// The service LLM as judge: renders the eval prompt (<c>$instruction</c>, <c>$human_response</c>,
/// <c>$lm_response</c>) for a response, asks for a structured verdict and validates it, re-asking a malformed
/// answer up to the configured budget. Never throws for a bad answer or a failed call (only for cancellation).
/// </summary>
public sealed class LlmJudge
{
    private readonly IChatClient _client;
    private readonly EvaluationConfig _config;
    private readonly PromptTemplate _template;
    private readonly TokenUsage _usage;

    public LlmJudge(IChatClient client, EvaluationConfig config, PromptTemplate evalPrompt, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(evalPrompt);
        ArgumentNullException.ThrowIfNull(usage);
        _client = client;
        _config = config;
        evalPrompt.EnsureOnly(Placeholders);
        _template = evalPrompt;
        _usage = usage;
    }

    /// <summary>The eval prompt for a response, as stored in <c>eval_prompts</c>.</summary>
    public string RenderPrompt(string instruction, string reference, string candidate) => _template.Render(Values(instruction, reference, candidate));

    /// <summary>The placeholders an eval template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = [PromptNames.Instruction, PromptNames.HumanResponse, PromptNames.LmResponse];

    public async Task<Judgement> JudgeAsync(string evalPrompt, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = _config.ServiceModelName,
            Temperature = (float)_config.JudgeTemperature,
            ResponseFormat = _config.StructuredOutput ? JudgeResponseSchema.ResponseFormat : null,
        };
        List<ChatMessage> messages = [new ChatMessage(ChatRole.User, evalPrompt)];
        if (_template.System is not null)
        {
            messages.Insert(0, new ChatMessage(ChatRole.System, _template.RenderSystem(new Dictionary<string, string>(), safe: true)));
        }
        StructuredOutcome<JudgeVerdict> outcome = await StructuredOutputRequester.AskAsync(
            _client, messages, options, JudgeResponseParser.Parse,
            _config.JudgeMaxReasks, _usage, cancellationToken);
        return Judgement.From(outcome, evalPrompt, _config.ServiceModelName);
    }

    private static Dictionary<string, string> Values(string instruction, string reference, string candidate) => new()
    {
        [PromptNames.Instruction] = instruction,
        [PromptNames.HumanResponse] = reference,
        [PromptNames.LmResponse] = candidate,
    };
}

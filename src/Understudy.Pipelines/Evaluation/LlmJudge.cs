using Microsoft.Extensions.AI;
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
    private readonly string _template;
    private readonly TokenUsage _usage;

    public LlmJudge(IChatClient client, EvaluationConfig config, string evalPromptTemplate, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(evalPromptTemplate);
        ArgumentNullException.ThrowIfNull(usage);
        _client = client;
        _config = config;
        _template = evalPromptTemplate;
        _usage = usage;
    }

    /// <summary>The eval prompt for a response, as stored in <c>eval_prompts</c>.</summary>
    public string RenderPrompt(string instruction, string reference, string candidate) =>
        TemplateText.Substitute(_template, new Dictionary<string, string>
        {
            ["instruction"] = instruction,
            ["human_response"] = reference,
            ["lm_response"] = candidate,
        }, "eval");

    public async Task<Judgement> JudgeAsync(string evalPrompt, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = _config.ServiceModelName,
            Temperature = (float)_config.JudgeTemperature,
            ResponseFormat = _config.StructuredOutput ? JudgeResponseSchema.ResponseFormat : null,
        };
        StructuredOutcome<JudgeVerdict> outcome = await StructuredOutputRequester.AskAsync(
            _client, [new ChatMessage(ChatRole.User, evalPrompt)], options, JudgeResponseParser.Parse,
            _config.JudgeMaxReasks, _usage, cancellationToken);
        return Judgement.From(outcome, evalPrompt, _config.ServiceModelName);
    }
}

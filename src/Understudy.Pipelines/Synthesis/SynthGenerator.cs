using System.Globalization;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// One generator call: renders the <c>[synth_data_gen]</c> prompt for a seed (<c>$instruction</c>,
/// <c>$response</c> / <c>$human_response</c>, <c>$topic</c>, <c>$num_pairs</c>), asks for structured pairs and
/// validates them, re-asking a malformed answer within the configured budget.
/// </summary>
public sealed class SynthGenerator
{
    private readonly IChatClient _client;
    private readonly SynthConfig _config;
    private readonly PromptTemplate _template;
    private readonly TokenUsage _usage;

    public SynthGenerator(IChatClient client, SynthConfig config, PromptTemplate synthPrompt, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(synthPrompt);
        ArgumentNullException.ThrowIfNull(usage);
        _client = client;
        _config = config;
        synthPrompt.EnsureOnly(Placeholders);
        _template = synthPrompt;
        _usage = usage;
        TemplateHash = synthPrompt.Hash;
    }

    /// <summary>Placeholder for the number of pairs asked per call.</summary>
    public const string NumPairs = "num_pairs";

    /// <summary>The placeholders a synth template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } =
        [PromptNames.Instruction, PromptNames.Response, PromptNames.HumanResponse, PromptNames.Topic, NumPairs];

    /// <summary>Recorded in every synthetic row's <c>prompt_template_hash</c>.</summary>
    public string TemplateHash { get; }

    public string RenderPrompt(SeedRow seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return _template.Render(new Dictionary<string, string>
        {
            [PromptNames.Instruction] = seed.Instruction,
            [PromptNames.Response] = seed.Response,
            [PromptNames.HumanResponse] = seed.Response,
            [PromptNames.Topic] = string.IsNullOrWhiteSpace(_config.Topic) ? seed.Category : _config.Topic,
            [NumPairs] = _config.PairsPerCall.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Asks for pairs like <paramref name="seed"/>; the call index seeds sampling so repeated seeds still vary.</summary>
    public Task<StructuredOutcome<SynthBatch>> GenerateAsync(SeedRow seed, long callIndex, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = _config.ServiceModelName,
            Temperature = (float)_config.GenTemperature,
            Seed = unchecked(((long)_config.Seed * 1_000_003) + callIndex),
            ResponseFormat = _config.StructuredOutput ? SynthResponseSchema.ResponseFormat : null,
        };
        List<ChatMessage> messages = [new ChatMessage(ChatRole.User, RenderPrompt(seed))];
        if (_template.System is not null)
        {
            messages.Insert(0, new ChatMessage(ChatRole.System, _template.RenderSystem(new Dictionary<string, string>(), safe: true)));
        }
        return StructuredOutputRequester.AskAsync(_client, messages, options,
            SynthResponseParser.Parse, _config.GenMaxReasks, _usage, cancellationToken);
    }

    /// <summary>The synthetic row of an accepted pair, with its provenance.</summary>
    public SynthRow ToRow(SynthPair pair, SeedRow seed, string generator)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(seed);
        List<ChatTurn> messages = [new("user", pair.Instruction), new("assistant", pair.Response)];
        return new SynthRow
        {
            PromptId = RowId.FromMessages(messages),
            Prompt = pair.Instruction,
            Messages = messages,
            Category = string.IsNullOrWhiteSpace(_config.Topic) ? seed.Category : _config.Topic,
            Generators = [generator],
            PromptIds = [seed.PromptId],
            PromptTemplateHash = TemplateHash,
        };
    }
}

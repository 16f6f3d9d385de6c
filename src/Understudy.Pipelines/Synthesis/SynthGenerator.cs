using System.Globalization;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
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
    private readonly string _template;
    private readonly TokenUsage _usage;

    public SynthGenerator(IChatClient client, SynthConfig config, string synthPromptTemplate, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(synthPromptTemplate);
        ArgumentNullException.ThrowIfNull(usage);
        _client = client;
        _config = config;
        _template = synthPromptTemplate;
        _usage = usage;
        TemplateHash = RowId.FromContent(synthPromptTemplate);
    }

    /// <summary>Recorded in every synthetic row's <c>prompt_template_hash</c>.</summary>
    public string TemplateHash { get; }

    public string RenderPrompt(SeedRow seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return TemplateText.Substitute(_template, new Dictionary<string, string>
        {
            ["instruction"] = seed.Instruction,
            ["response"] = seed.Response,
            ["human_response"] = seed.Response,
            ["topic"] = string.IsNullOrWhiteSpace(_config.Topic) ? seed.Category : _config.Topic,
            ["num_pairs"] = _config.PairsPerCall.ToString(CultureInfo.InvariantCulture),
        }, "synth_data_gen");
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
        return StructuredOutputRequester.AskAsync(_client, [new ChatMessage(ChatRole.User, RenderPrompt(seed))], options,
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

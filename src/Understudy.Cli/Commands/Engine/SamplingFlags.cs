using System.CommandLine;
using Microsoft.Extensions.AI;

namespace Understudy.Cli.Commands.Engine;

/// <summary>Sampling flags shared by generate and chat, named as in Hugging Face generate().</summary>
internal sealed class SamplingFlags
{
    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens") { Description = "Most tokens to generate (default: 256 or generation_config.json)", HelpName = "n" };
    public Option<float?> Temperature { get; } = new("--temperature") { Description = "0 = greedy; > 0 samples (default: generation_config.json, else greedy)", HelpName = "t" };
    public Option<float?> TopP { get; } = new("--top-p") { Description = "Nucleus sampling threshold", HelpName = "p" };
    public Option<int?> TopK { get; } = new("--top-k") { Description = "Sample among the k most likely tokens", HelpName = "k" };
    public Option<double?> MinP { get; } = new("--min-p") { Description = "Drop tokens below min_p × the top probability", HelpName = "p" };
    public Option<double?> RepetitionPenalty { get; } = new("--repetition-penalty") { Description = "> 1 discourages repeats", HelpName = "x" };
    public Option<long?> Seed { get; } = new("--seed") { Description = "Sampling seed (reproducible output)", HelpName = "n" };
    public Option<string[]> Stop { get; } = new("--stop") { Description = "Stop string (repeatable)", HelpName = "text", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { MaxNewTokens, Temperature, TopP, TopK, MinP, RepetitionPenalty, Seed, Stop }) command.Options.Add(option);
    }

    public ChatOptions ToChatOptions(ParseResult parseResult)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = parseResult.GetValue(MaxNewTokens),
            Temperature = parseResult.GetValue(Temperature),
            TopP = parseResult.GetValue(TopP),
            TopK = parseResult.GetValue(TopK),
            Seed = parseResult.GetValue(Seed),
            StopSequences = parseResult.GetValue(Stop) is { Length: > 0 } stops ? stops : null,
            AdditionalProperties = [],
        };
        if (parseResult.GetValue(MinP) is double minP) options.AdditionalProperties["min_p"] = minP;
        if (parseResult.GetValue(RepetitionPenalty) is double penalty) options.AdditionalProperties["repetition_penalty"] = penalty;
        return options;
    }
}

namespace Understudy.Core.Prompts;

/// <summary>Table and placeholder names used by LlamaDuo's <c>prompts.toml</c>.</summary>
public static class PromptNames
{
    /// <summary>The judge prompt table.</summary>
    public const string Eval = "eval";

    /// <summary>The synthetic data generation prompt table.</summary>
    public const string SynthDataGen = "synth_data_gen";

    /// <summary>The instruction (user prompt) being answered or imitated.</summary>
    public const string Instruction = "instruction";

    /// <summary>The reference answer (the service LLM's or a human's).</summary>
    public const string HumanResponse = "human_response";

    /// <summary>The small model's answer under evaluation.</summary>
    public const string LmResponse = "lm_response";

    /// <summary>The seed example's answer in the synthesis prompt.</summary>
    public const string Response = "response";

    /// <summary>The task topic, e.g. "summarization".</summary>
    public const string Topic = "topic";
}

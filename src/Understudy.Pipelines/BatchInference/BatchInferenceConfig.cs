using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Observability;
using Understudy.Core.Configuration;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// Config of <c>understudy batch-infer</c> (LlamaDuo's <c>batch_inference.yaml</c> keys plus Understudy's own).
/// Each property is a snake_case YAML key and a kebab-case flag: <c>InferenceBs</c> → <c>inference_bs</c> → <c>--inference-bs</c>.
/// </summary>
public sealed class BatchInferenceConfig : TracingConfig
{
    [Required]
    [Description("The model under test: a model name served at ft_model_base_url (vLLM, Ollama, llama.cpp...), or, without ft_model_base_url, a local model folder or Hub id run by the built-in engine.")]
    public string FtModelId { get; set; } = "";

    [Description("Model revision recorded as model_sha (a commit, tag or your own version label).")]
    public string FtModelRevision { get; set; } = "main";

    [Description("OpenAI-compatible endpoint serving ft_model_id, e.g. http://127.0.0.1:8000/v1/.")]
    public string FtModelBaseUrl { get; set; } = "";

    [Description("Environment variable holding the endpoint's API key; empty = SERVICE_LLM_API_KEY if set, else none.")]
    public string FtModelApiKeyEnv { get; set; } = "";

    [OneOf("float32", "bfloat16", "float16")]
    [Description("Weights dtype when ft_model_id runs on the built-in engine (a local folder or a Hub id, no ft_model_base_url).")]
    public string TorchDtype { get; set; } = "float32";

    [Description("LoRA adapter folder (PEFT format: adapter_config.json + adapter_model.safetensors) merged into ft_model_id at load on the built-in engine; model_sha then names base and adapter. Empty = none.")]
    public string FtModelAdapter { get; set; } = "";

    [Description("Fine-tuning config the model was trained with (LlamaDuo key; recorded, not read).")]
    public string FtModelConfigPath { get; set; } = "";

    [Required]
    [Description("Dataset holding the test prompts (coverage schema: prompt, prompt_id, messages, category).")]
    public string TestDsId { get; set; } = "";

    [Description("Split of test_ds_id to run over.")]
    public string TestDsSplit { get; set; } = "test";

    [Range(1, 4096)]
    [Description("Rows generated concurrently and written to the output per batch.")]
    public int InferenceBs { get; set; } = 4;

    [Range(1, 1000)]
    [Description("Samples drawn per prompt (K); each becomes its own row with repeat_index 0..K-1.")]
    public int Repeat { get; set; } = 1;

    [Range(1, 65536)]
    [Description("Accepted for LlamaDuo configs; Understudy prepares prompts as it goes, so it has no effect.")]
    public int BatchInferDataPreprocessBs { get; set; } = 16;

    [Required]
    [Description("Output dataset of the model's responses (instructions, target_responses, candidate_responses, model_id, model_sha).")]
    public string LmResponseDsId { get; set; } = "";

    [Description("Output split; failures go to <split>_failures.")]
    public string LmResponseDsSplit { get; set; } = "batch_infer";

    [Description("true: keep earlier output in the split and add to it; false: a different earlier run's output is replaced (a rerun of the same run always resumes).")]
    public bool LmResponseAppend { get; set; } = true;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature (0 = greedy).")]
    public double Temperature { get; set; } = 0.7;

    [Range(0.0, 1.0)]
    [Description("Nucleus sampling probability mass.")]
    public double TopP { get; set; } = 0.9;

    [Range(1, 131072)]
    [Description("Maximum tokens generated per answer.")]
    public int MaxNewTokens { get; set; } = 512;

    [Description("Base seed; each (prompt, repeat) gets its own seed derived from it, so a rerun draws the same samples.")]
    public int Seed { get; set; } = 2024;

    [Range(0, 20)]
    [Description("Transport retries (429, 5xx, timeouts) before a row is recorded as failed.")]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 3600)]
    [Description("Seconds to wait for one answer before it counts as a timeout.")]
    public int RequestTimeoutSeconds { get; set; } = 300;
}

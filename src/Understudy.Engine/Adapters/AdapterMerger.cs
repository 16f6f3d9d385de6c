using Understudy.Engine.Generation;
using Understudy.Engine.Models;

namespace Understudy.Engine.Adapters;

/// <summary>
/// Writes base model + LoRA adapter as one full model folder in Hugging Face layout (config.json,
/// model.safetensors, tokenizer files and generation_config.json copied from the base), loadable by
/// <c>transformers</c>, vLLM or Understudy with no adapter support.
/// </summary>
public static class AdapterMerger
{
    /// <summary>The base folder's files copied unchanged into the merged folder when present.</summary>
    public static readonly IReadOnlyList<string> CopiedFiles =
    [
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "tokenizer.model",
        "vocab.json", "merges.txt", "chat_template.jinja", "chat_template.json", GenerationConfigFile.FileName,
    ];

    /// <summary>
    /// Loads <paramref name="baseFolder"/> in <paramref name="torchDtype"/> (auto: the checkpoint's), merges the adapter
    /// of <paramref name="adapterFolder"/> into it and writes the result into <paramref name="outputFolder"/>, which must
    /// not already hold a model. Returns the merged module paths.
    /// </summary>
    public static IReadOnlyList<string> MergeToFolder(string baseFolder, string adapterFolder, string outputFolder, string torchDtype = "auto")
    {
        ArgumentException.ThrowIfNullOrEmpty(baseFolder);
        ArgumentException.ThrowIfNullOrEmpty(adapterFolder);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        string output = Path.GetFullPath(outputFolder);
        if (SamePath(output, baseFolder) || SamePath(output, adapterFolder))
            throw new ArgumentException($"The output folder {outputFolder} must differ from the base model and adapter folders.");
        if (File.Exists(Path.Combine(output, CausalLanguageModels.ConfigFileName)))
            throw new IOException($"{outputFolder} already holds a model (config.json); choose a new or empty folder.");

        using var adapter = PeftAdapter.Load(adapterFolder);
        using var model = CausalLanguageModels.Load(baseFolder, new ModelLoadOptions { TorchDtype = torchDtype });
        IReadOnlyList<string> merged;
        using (var attached = adapter.AttachTo(model))
        {
            merged = attached.TargetModulePaths;
            attached.MergeIntoBase();
        }
        Directory.CreateDirectory(output);
        CausalLanguageModels.Save(model, output);
        foreach (var name in CopiedFiles)
        {
            string source = Path.Combine(baseFolder, name);
            if (File.Exists(source)) File.Copy(source, Path.Combine(output, name), overwrite: true);
        }
        return merged;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

namespace Understudy.Engine.Adapters;

/// <summary>
/// Key names of <c>adapter_model.safetensors</c> as PEFT's <c>save_pretrained</c> writes them: the module path under
/// the <c>base_model.model.</c> prefix, then <c>lora_A.weight</c> / <c>lora_B.weight</c> (the adapter name is dropped).
/// </summary>
public static class PeftKeys
{
    /// <summary>The weights file name.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    /// <summary>The prefix PEFT puts before the base model's own module paths.</summary>
    public const string Prefix = "base_model.model.";

    private const string SuffixA = ".lora_A.weight";
    private const string SuffixB = ".lora_B.weight";

    /// <summary><c>base_model.model.{path}.lora_A.weight</c>.</summary>
    public static string A(string modulePath) => Prefix + modulePath + SuffixA;

    /// <summary><c>base_model.model.{path}.lora_B.weight</c>.</summary>
    public static string B(string modulePath) => Prefix + modulePath + SuffixB;

    /// <summary>Splits a key into its module path and A/B; false for any other key.</summary>
    public static bool TryParse(string key, out string modulePath, out bool isA)
    {
        modulePath = "";
        isA = key.EndsWith(SuffixA, StringComparison.Ordinal);
        bool isB = key.EndsWith(SuffixB, StringComparison.Ordinal);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !(isA || isB)) return false;
        modulePath = key[Prefix.Length..^SuffixA.Length];
        return modulePath.Length > 0;
    }
}

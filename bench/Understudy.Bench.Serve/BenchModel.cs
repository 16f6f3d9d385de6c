using Understudy.Engine.Models;

namespace Understudy.Bench.Serve;

/// <summary>
/// Writes a model folder at a real config's shape with random weights (our own writer), the real SmolLM2 tokenizer and a
/// ChatML chat template (SmolLM2-Instruct's format), so requests go through the same path as a real model's.
/// </summary>
internal static class BenchModel
{
    private const string ChatMl =
        "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n{% endfor %}"
        + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    public static string Write(string configPath, string tokenizerPath)
    {
        var config = ModelConfig.Load(configPath);
        string folder = Path.Combine(Path.GetTempPath(), "understudy-bench-serve-" + Guid.NewGuid().ToString("N"));
        using (var model = ModelArchitectures.Create(config, TorchSharp.torch.CPU, TorchSharp.torch.ScalarType.Float32))
        {
            ModelWeights.Randomize(model, seed: 1);
            CausalLanguageModels.Save(model, folder);
        }
        File.Copy(tokenizerPath, Path.Combine(folder, "tokenizer.json"));
        File.WriteAllText(Path.Combine(folder, "chat_template.jinja"), ChatMl);
        return folder;
    }
}

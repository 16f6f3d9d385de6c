using System.Text.Json.Nodes;
using Understudy.Engine.Adapters;
using Understudy.Engine.Safetensors;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Adapters;

public class PeftAdapterErrorTests
{
    private static void SaveAdapter(string folder, Understudy.Engine.Models.ModelConfig? config = null, params string[] targets)
    {
        using var model = TinyModels.Create(config ?? TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(targets), seed: 1);
        attached.Save(folder, "tiny");
    }

    private static void EditConfig(string folder, Action<JsonObject> edit)
    {
        string path = Path.Combine(folder, "adapter_config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private static void RewriteWeights(string folder, Func<Dictionary<string, Tensor>, Dictionary<string, Tensor>> edit)
    {
        string path = Path.Combine(folder, "adapter_model.safetensors");
        Dictionary<string, Tensor> tensors;
        using (var file = SafetensorsFile.Open(path)) tensors = file.Tensors.Keys.ToDictionary(k => k, k => file.Read(k));
        SafetensorsWriter.Write(path, edit(tensors));
    }

    [Fact]
    public void Missing_folder_or_config_is_named()
    {
        using var folder = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => PeftAdapter.Load(folder.File("nope")));
        var error = Assert.Throws<FileNotFoundException>(() => PeftAdapter.Load(folder.Path));
        Assert.Contains("adapter_config.json", error.Message);
    }

    [Fact]
    public void A_pickle_bin_adapter_is_refused_with_the_fix()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        File.Move(folder.File("adapter_model.safetensors"), folder.File("adapter_model.bin"));

        var error = Assert.Throws<FileNotFoundException>(() => PeftAdapter.Load(folder.Path));

        Assert.Contains("adapter_model.bin", error.Message);
        Assert.Contains("safe_serialization=True", error.Message);
    }

    [Theory]
    [InlineData("peft_type", "\"PREFIX_TUNING\"", "only LORA")]
    [InlineData("use_dora", "true", "DoRA")]
    [InlineData("bias", "\"lora_only\"", "bias")]
    [InlineData("modules_to_save", "[\"lm_head\"]", "modules_to_save")]
    [InlineData("r", "0", "'r'")]
    public void Unsupported_or_invalid_config_values_are_refused_naming_the_key(string key, string value, string expected)
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        EditConfig(folder.Path, json => json[key] = JsonNode.Parse(value));

        var error = Record.Exception(() => PeftAdapter.Load(folder.Path));

        Assert.NotNull(error);
        Assert.Contains(expected, error.Message);
        Assert.Contains("adapter_config.json", error.Message);
    }

    [Fact]
    public void An_unexpected_tensor_key_is_named_with_the_file()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        RewriteWeights(folder.Path, t => { t["base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector"] = zeros(32); return t; });

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapter.Load(folder.Path));

        Assert.Contains("lora_magnitude_vector", error.Message);
        Assert.Contains("adapter_model.safetensors", error.Message);
    }

    [Fact]
    public void An_A_without_its_B_is_named()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        RewriteWeights(folder.Path, t => { t.Remove("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"); return t; });

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapter.Load(folder.Path));

        Assert.Contains("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight", error.Message);
    }

    [Fact]
    public void A_rank_that_disagrees_with_r_is_named()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        EditConfig(folder.Path, json => json["r"] = 8);

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapter.Load(folder.Path));

        Assert.Contains("lora_A.weight", error.Message);
        Assert.Contains("r = 8", error.Message);
    }

    [Fact]
    public void An_adapter_for_a_wider_model_fails_on_the_shape_naming_key_and_file()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path, TinyModels.Llama() with { IntermediateSize = 64 }, "down_proj");
        using var adapter = PeftAdapter.Load(folder.Path);
        using var model = TinyModels.Create(TinyModels.Llama());

        var error = Assert.Throws<InvalidDataException>(() => adapter.AttachTo(model));

        Assert.Contains("base_model.model.model.layers.0.mlp.down_proj.lora_A.weight", error.Message);
        Assert.Contains("adapter_model.safetensors", error.Message);
        Assert.Contains("[4, 64]", error.Message);
        Assert.DoesNotContain(model.modules(), m => m is LoraLinear);
    }

    [Fact]
    public void An_adapter_for_a_deeper_model_names_the_module_the_base_lacks()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path, TinyModels.Llama() with { NumHiddenLayers = 3 });
        using var adapter = PeftAdapter.Load(folder.Path);
        using var model = TinyModels.Create(TinyModels.Llama());

        var error = Assert.Throws<InvalidDataException>(() => adapter.AttachTo(model));

        Assert.Contains("model.layers.2.self_attn.q_proj", error.Message);
        Assert.Contains("does not have", error.Message);
    }

    [Fact]
    public void A_target_module_without_weights_in_the_file_is_named()
    {
        using var folder = new TempFolder();
        SaveAdapter(folder.Path);
        EditConfig(folder.Path, json => json["target_modules"] = new JsonArray("q_proj", "v_proj", "o_proj"));
        using var adapter = PeftAdapter.Load(folder.Path);
        using var model = TinyModels.Create(TinyModels.Llama());

        var error = Assert.Throws<InvalidDataException>(() => adapter.AttachTo(model));

        Assert.Contains("o_proj", error.Message);
        Assert.Contains("target_modules", error.Message);
    }
}

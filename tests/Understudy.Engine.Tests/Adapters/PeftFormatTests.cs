using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Understudy.Engine.Adapters;
using Understudy.Engine.Safetensors;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Adapters;

public class PeftFormatTests
{
    [Fact]
    public void Save_writes_adapter_config_json_with_PEFT_keys()
    {
        using var folder = new TempFolder();
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings() with { Dropout = 0.05 }, seed: 1);

        attached.Save(folder.Path, "HuggingFaceTB/SmolLM2-135M-Instruct");

        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("adapter_config.json")));
        var root = json.RootElement;
        Assert.Equal("LORA", root.GetProperty("peft_type").GetString());
        Assert.Equal("CAUSAL_LM", root.GetProperty("task_type").GetString());
        Assert.Equal(4, root.GetProperty("r").GetInt32());
        Assert.Equal(8, root.GetProperty("lora_alpha").GetDouble());
        Assert.Equal(0.05, root.GetProperty("lora_dropout").GetDouble());
        Assert.Equal(["q_proj", "v_proj"], root.GetProperty("target_modules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("HuggingFaceTB/SmolLM2-135M-Instruct", root.GetProperty("base_model_name_or_path").GetString());
        Assert.Equal("none", root.GetProperty("bias").GetString());
        Assert.False(root.GetProperty("fan_in_fan_out").GetBoolean());
        Assert.False(root.GetProperty("use_dora").GetBoolean());
        Assert.False(root.GetProperty("use_rslora").GetBoolean());
        Assert.True(root.GetProperty("inference_mode").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("modules_to_save").ValueKind);
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Save_writes_safetensors_keys_and_shapes_as_PEFT_does()
    {
        using var folder = new TempFolder();
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings("q_proj", "k_proj", "down_proj"), seed: 1);

        attached.Save(folder.Path, "base");

        var header = ReadRawHeader(folder.File("adapter_model.safetensors"));
        var expected = new Dictionary<string, long[]>();
        foreach (int layer in new[] { 0, 1 })
        {
            string attention = $"base_model.model.model.layers.{layer}.self_attn";
            expected[$"{attention}.q_proj.lora_A.weight"] = [4, 32];
            expected[$"{attention}.q_proj.lora_B.weight"] = [4 * 8, 4];     // 4 heads × head_dim 8
            expected[$"{attention}.k_proj.lora_A.weight"] = [4, 32];
            expected[$"{attention}.k_proj.lora_B.weight"] = [2 * 8, 4];     // 2 key/value heads
            expected[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_A.weight"] = [4, 48];
            expected[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_B.weight"] = [32, 4];
        }
        var tensors = header.EnumerateObject().Where(p => p.Name != "__metadata__").ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tensor in tensors)
        {
            Assert.Equal("F32", tensor.Value.GetProperty("dtype").GetString());
            Assert.Equal(expected[tensor.Name], tensor.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        }
    }

    [Fact]
    public void All_linear_is_saved_as_the_list_of_matched_module_names()
    {
        using var folder = new TempFolder();
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);

        attached.Save(folder.Path, "base");

        var config = PeftAdapterConfig.Load(folder.File("adapter_config.json"));
        Assert.Equal(["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"], config.TargetModules);
    }

    [Fact]
    public void Saved_adapter_loads_back_onto_a_fresh_base_and_reproduces_the_logits()
    {
        using var folder = new TempFolder();
        using var trained = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(trained, LoraTestModels.Settings(LoraSettings.AllLinear) with { UseRsLora = true }, seed: 1);
        LoraTestModels.RandomizeB(attached);
        attached.Save(folder.Path, "base");
        using var expected = LoraTestModels.Logits(trained);

        using var fresh = TinyModels.Create(TinyModels.Llama());
        using var adapter = PeftAdapter.Load(folder.Path);
        using var reattached = adapter.AttachTo(fresh);
        using var actual = LoraTestModels.Logits(fresh);

        Assert.True(adapter.Config.UseRsLora);
        Assert.Equal(attached.TargetModulePaths, reattached.TargetModulePaths);
        Assert.True(actual.allclose(expected, rtol: 1e-6, atol: 1e-6), $"max diff {LoraTestModels.MaxDiff(actual, expected)}");
    }

    [Fact]
    public void A_PEFT_written_adapter_with_its_extra_keys_loads_and_applies_alpha_over_r()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("adapter_config.json"), """
            {
              "alpha_pattern": {}, "auto_mapping": null, "base_model_name_or_path": "tiny", "bias": "none",
              "corda_config": null, "eva_config": null, "exclude_modules": null, "fan_in_fan_out": false,
              "inference_mode": true, "init_lora_weights": true, "layer_replication": null, "layers_pattern": null,
              "layers_to_transform": null, "loftq_config": {}, "lora_alpha": 16, "lora_bias": false, "lora_dropout": 0.1,
              "megatron_config": null, "megatron_core": "megatron.core", "modules_to_save": null, "peft_type": "LORA",
              "r": 2, "rank_pattern": {}, "revision": null, "target_modules": ["v_proj"], "task_type": "CAUSAL_LM",
              "use_dora": false, "use_rslora": false
            }
            """);
        using var a = randn([2, 32], generator: new Generator(1));
        using var b = randn([16, 2], generator: new Generator(2));
        SafetensorsWriter.Write(folder.File("adapter_model.safetensors"), new Dictionary<string, Tensor>
        {
            ["base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight"] = a,
            ["base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight"] = b,
            ["base_model.model.model.layers.1.self_attn.v_proj.lora_A.weight"] = a,
            ["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"] = b,
        });
        using var reference = TinyModels.Create(TinyModels.Llama());
        using (no_grad())
        {
            foreach (int layer in new[] { 0, 1 }) reference.state_dict()[$"model.layers.{layer}.self_attn.v_proj.weight"].add_(8.0 * matmul(b, a));
        }
        using var expected = LoraTestModels.Logits(reference);

        using var model = TinyModels.Create(TinyModels.Llama());
        using var adapter = PeftAdapter.Load(folder.Path);
        using var attached = adapter.AttachTo(model);
        using var actual = LoraTestModels.Logits(model);

        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-4), $"max diff {LoraTestModels.MaxDiff(actual, expected)}");
    }

    private static JsonElement ReadRawHeader(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)length)).RootElement.Clone();
    }
}

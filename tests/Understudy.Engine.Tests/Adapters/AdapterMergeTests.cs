using TorchSharp.Modules;
using Understudy.Engine.Adapters;
using Understudy.Engine.Generation;
using Understudy.Engine.Inference;
using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Adapters;

public class AdapterMergeTests
{
    [Theory]
    [InlineData("llama")]
    [InlineData("phi3")]
    [InlineData("qwen2")]
    public void MergeIntoBase_gives_the_logits_of_base_plus_adapter_and_restores_plain_layers(string family)
    {
        using var model = TinyModels.Create(TinyModels.Family(family));
        var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);
        LoraTestModels.RandomizeB(attached);
        using var adapted = LoraTestModels.LogitsWithGrad(model);

        attached.MergeIntoBase();
        attached.Dispose();
        using var mergedFused = LoraTestModels.Logits(model);
        using var mergedSeparate = LoraTestModels.LogitsWithGrad(model);

        Assert.True(mergedFused.allclose(adapted, rtol: 1e-4, atol: 1e-4), $"fused path differs by {LoraTestModels.MaxDiff(mergedFused, adapted)}");
        Assert.True(mergedSeparate.allclose(adapted, rtol: 1e-4, atol: 1e-4), $"separate path differs by {LoraTestModels.MaxDiff(mergedSeparate, adapted)}");
        Assert.DoesNotContain(model.modules(), m => m is LoraLinear);
        Assert.All(model.modules().OfType<IProjectionHost>(), h => Assert.All(h.ProjectionNames, n => Assert.IsType<Linear>(h.GetProjection(n))));
    }

    [Fact]
    public void MergeToFolder_writes_a_full_model_that_reloads_with_the_adapted_logits()
    {
        using var baseFolder = new TempFolder();
        using var adapterFolder = new TempFolder();
        using var output = new TempFolder();
        TinyModels.Save(TinyModels.Llama(), baseFolder.Path);
        File.WriteAllText(baseFolder.File("tokenizer.json"), "{\"stand-in\": true}");
        File.WriteAllText(baseFolder.File(GenerationConfigFile.FileName), "{\"eos_token_id\": 2}");
        using var trained = CausalLanguageModels.Load(baseFolder.Path);
        using var attached = LoraAdapters.Attach(trained, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);
        LoraTestModels.RandomizeB(attached);
        attached.Save(adapterFolder.Path, baseFolder.Path);
        using var expected = LoraTestModels.Logits(trained);

        var merged = AdapterMerger.MergeToFolder(baseFolder.Path, adapterFolder.Path, output.File("merged"));
        using var reloaded = CausalLanguageModels.Load(output.File("merged"));
        using var actual = LoraTestModels.Logits(reloaded);

        Assert.Equal(14, merged.Count);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-4), $"max diff {LoraTestModels.MaxDiff(actual, expected)}");
        Assert.True(File.Exists(Path.Combine(output.File("merged"), "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(output.File("merged"), GenerationConfigFile.FileName)));
        Assert.DoesNotContain(reloaded.state_dict().Keys, k => k.Contains("lora"));
    }

    [Fact]
    public void MergeToFolder_refuses_to_overwrite_a_model()
    {
        using var baseFolder = new TempFolder();
        using var adapterFolder = new TempFolder();
        TinyModels.Save(TinyModels.Llama(), baseFolder.Path);
        using (var model = TinyModels.Create(TinyModels.Llama()))
        using (var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(), seed: 1)) attached.Save(adapterFolder.Path, "tiny");

        var error = Assert.Throws<ArgumentException>(() => AdapterMerger.MergeToFolder(baseFolder.Path, adapterFolder.Path, baseFolder.Path));

        Assert.Contains("must differ", error.Message);
    }

    [Fact]
    public void LocalModel_with_an_adapter_path_generates_from_base_plus_adapter()
    {
        using var baseFolder = new TempFolder();
        using var adapterFolder = new TempFolder();
        TinyModels.Save(TinyModels.Llama(), baseFolder.Path);
        using var trained = CausalLanguageModels.Load(baseFolder.Path);
        using var attached = LoraAdapters.Attach(trained, LoraTestModels.Settings(), seed: 1);
        LoraTestModels.RandomizeB(attached);
        attached.Save(adapterFolder.Path, baseFolder.Path);
        using var expected = LoraTestModels.Logits(trained);

        using var local = LocalModel.Load(baseFolder.Path, new LocalModelOptions
        {
            AdapterPath = adapterFolder.Path,
            TokenizerLoader = _ => new CharacterTokenizer(),
        });
        using var actual = LoraTestModels.Logits(local.Model);

        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-4), $"max diff {LoraTestModels.MaxDiff(actual, expected)}");
    }
}

using System.Text.RegularExpressions;
using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;

namespace Understudy.Engine.Adapters;

/// <summary>Finds the linear layers that LoRA target-module names select, with PEFT's matching rules.</summary>
public static class LoraTargets
{
    /// <summary>Every decoder linear slot of <paramref name="model"/> (lm_head excluded), in module order.</summary>
    public static IReadOnlyList<LoraTarget> All(CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var targets = new List<LoraTarget>();
        foreach (var (path, module) in model.named_modules())
        {
            if (module is not IProjectionHost host) continue;
            targets.AddRange(host.ProjectionNames.Select(slot => new LoraTarget(host, slot, $"{path}.{slot}")));
        }
        return targets;
    }

    /// <summary>
    /// The slots whose module path equals one of <paramref name="names"/> or ends with <c>.name</c> (PEFT's list
    /// matching), or every slot for <c>all-linear</c>. Fails naming the names that matched nothing.
    /// </summary>
    public static IReadOnlyList<LoraTarget> Select(CausalLanguageModel model, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var all = All(model);
        if (names.Count == 1 && string.Equals(names[0], LoraSettings.AllLinear, StringComparison.OrdinalIgnoreCase)) return all;
        var unmatched = names.Where(n => !all.Any(t => Matches(t.Path, n))).ToList();
        if (unmatched.Count > 0)
        {
            throw new ArgumentException(
                $"lora_target_modules: {string.Join(", ", unmatched.Select(n => $"'{n}'"))} match no linear layer of this " +
                $"{model.Config.ModelType} model. Its layers are named {string.Join(", ", all.Select(t => t.SlotName).Distinct())} " +
                "(lm_head and embeddings cannot be targeted).");
        }
        return all.Where(t => names.Any(n => Matches(t.Path, n))).ToList();
    }

    /// <summary>PEFT's string form of target_modules: a regular expression that must match the whole module path.</summary>
    public static IReadOnlyList<LoraTarget> SelectByPattern(CausalLanguageModel model, string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (string.Equals(pattern, LoraSettings.AllLinear, StringComparison.OrdinalIgnoreCase)) return All(model);
        var regex = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant);
        return All(model).Where(t => regex.IsMatch(t.Path)).ToList();
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="name"/> or ends with <c>.name</c>.</summary>
    public static bool Matches(string path, string name) =>
        path == name || path.EndsWith("." + name, StringComparison.Ordinal);
}

namespace Understudy.Core.Configuration;

/// <summary>
/// Declares a key that config files may contain but that this config does not use (for example LlamaDuo's
/// <c>push_eval_to_hf_hub</c>). Loading such a file succeeds with a warning that gives the reason, instead of
/// the unknown-key error; the key is still never silently dropped.
/// </summary>
/// <param name="key">The snake_case key (dotted for a key inside a section).</param>
/// <param name="reason">Why it has no effect and what to do instead; shown in the warning.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class IgnoredKeyAttribute(string key, string reason) : Attribute
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;

    /// <summary>Why it is ignored.</summary>
    public string Reason { get; } = reason;
}

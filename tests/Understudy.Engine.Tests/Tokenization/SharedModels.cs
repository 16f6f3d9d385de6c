namespace Understudy.Engine.Tests.Tokenization;

/// <summary>
/// The real model files folder named by UNDERSTUDY_TEST_MODELS; tests that need it skip when it is unset.
/// </summary>
internal static class SharedModels
{
    public const string Variable = "UNDERSTUDY_TEST_MODELS";

    /// <summary>The folder, or a skip of the calling test when the variable is unset.</summary>
    public static string RequireRoot()
    {
        string? root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(root)) Assert.Skip($"{Variable} is not set; real tokenizer files are not available.");
        if (!Directory.Exists(root)) Assert.Fail($"{Variable} points at '{root}', which does not exist.");
        return Path.GetFullPath(root);
    }

    /// <summary>A path under the folder that must exist.</summary>
    public static string Require(params string[] parts)
    {
        string path = Path.Combine([RequireRoot(), .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path)) Assert.Fail($"Expected '{path}' in {Variable}.");
        return path;
    }
}

namespace Understudy.Engine.Tests.Integration;

/// <summary>Locates the real model files through UNDERSTUDY_TEST_MODELS; tests skip when it is unset.</summary>
public static class ModelsFolder
{
    public const string Variable = "UNDERSTUDY_TEST_MODELS";

    public static string Require(string relative)
    {
        string? root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(root)) Assert.Skip($"{Variable} is not set; real-model tests are skipped.");
        string path = Path.Combine(root, relative);
        if (!Directory.Exists(path) && !File.Exists(path)) Assert.Fail($"{Variable} is set but {path} does not exist.");
        return path;
    }
}

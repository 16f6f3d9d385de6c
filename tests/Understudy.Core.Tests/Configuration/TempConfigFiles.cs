namespace Understudy.Core.Tests.Configuration;

/// <summary>Writes YAML snippets to a temp folder that is deleted with the instance.</summary>
public sealed class TempConfigFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-config-").FullName;

    public string Write(string yaml, string name = "evaluation.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

namespace Understudy.Core.Workspaces;

/// <summary>
/// The folder that holds everything Understudy writes for a project: datasets and their catalog, runs, caches.
/// Resolved from an explicit path, else <c>UNDERSTUDY_WORKSPACE</c>, else <c>./.understudy</c>.
/// </summary>
public sealed class Workspace
{
    /// <summary>Environment variable naming the workspace folder.</summary>
    public const string EnvironmentVariable = "UNDERSTUDY_WORKSPACE";

    /// <summary>Folder name used under the current directory when nothing else is given.</summary>
    public const string DefaultFolderName = ".understudy";

    /// <summary>Creates a workspace rooted at <paramref name="root"/> (made absolute; created on first write).</summary>
    public Workspace(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>Absolute path of the workspace folder.</summary>
    public string Root { get; }

    /// <summary>Folder of the embedded dataset store (<c>&lt;root&gt;/datasets</c>).</summary>
    public string DatasetsPath => Path.Combine(Root, "datasets");

    /// <summary>
    /// The workspace to use: <paramref name="explicitRoot"/> when given, else the <c>UNDERSTUDY_WORKSPACE</c>
    /// environment variable, else <c>.understudy</c> under the current directory.
    /// </summary>
    public static Workspace Resolve(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return new Workspace(explicitRoot);
        }
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? new Workspace(Path.Combine(Directory.GetCurrentDirectory(), DefaultFolderName))
            : new Workspace(fromEnvironment);
    }

    /// <inheritdoc />
    public override string ToString() => Root;
}

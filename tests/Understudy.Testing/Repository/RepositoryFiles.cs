namespace Understudy.Testing;

/// <summary>Files of this repository (the bundled examples) as tests find them from their output folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds <c>Understudy.sln</c>.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Understudy.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Understudy.sln above {AppContext.BaseDirectory}: tests that read the bundled examples run from the repository.");
    }

    /// <summary>A file of the repository, e.g. <c>Path("examples", "ticket-triage", "prompts.toml")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);
}

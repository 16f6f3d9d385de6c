using System.CommandLine;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets</c>: list, inspect, import, export, pull and push the workspace's datasets.</summary>
public static class DatasetsCommand
{
    /// <summary>Creates the command group with its subcommands.</summary>
    public static Command Create() => new("datasets", "Manage the workspace's datasets (Parquet splits; owner/name ids live on the Hugging Face Hub).")
    {
        DatasetsListCommand.Create(),
        DatasetsShowCommand.Create(),
        DatasetsHeadCommand.Create(),
        DatasetsImportCommand.Create(),
        DatasetsExportCommand.Create(),
        DatasetsPullCommand.Create(),
        DatasetsPushCommand.Create(),
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Pipelines.Curation;

/// <summary>Saves and loads a <see cref="CurationReport"/> as indented snake_case JSON.</summary>
public static class CurationReportFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Where the report of a run goes when <c>report_path</c> is empty: next to the output split in a file store
    /// (<c>&lt;datasets&gt;/&lt;output_ds_id&gt;/&lt;split&gt;.curation_report.json</c>), else in the working folder.
    /// </summary>
    public static string DefaultPath(IDatasetStore store, string outputDatasetId, string split)
    {
        ArgumentNullException.ThrowIfNull(store);
        string fileName = $"{split}.curation_report.json";
        return store is ParquetDatasetStore files
            ? Path.Combine(files.RootPath, outputDatasetId.Replace('/', Path.DirectorySeparatorChar), fileName)
            : Path.Combine(Environment.CurrentDirectory, outputDatasetId.Replace('/', '_') + "." + fileName);
    }

    /// <summary>Writes the report (creating the folder), replacing an earlier one atomically.</summary>
    public static async Task SaveAsync(CurationReport report, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(report, Options), cancellationToken);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a report saved by <see cref="SaveAsync"/>.</summary>
    public static async Task<CurationReport> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using FileStream stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<CurationReport>(stream, Options, cancellationToken)
            ?? throw new InvalidDataException($"{path}: the file holds no curation report (JSON null)");
    }
}

namespace Understudy.Core.Datasets.Import;

/// <summary>File formats the importer and exporter read and write.</summary>
public enum DatasetFileFormat
{
    /// <summary>Pick from the file extension: <c>.jsonl</c>/<c>.json</c>, <c>.csv</c>, <c>.parquet</c>.</summary>
    Auto,

    /// <summary>One JSON object per line.</summary>
    Jsonl,

    /// <summary>Comma-separated values with a header row; nested values (messages) as JSON text.</summary>
    Csv,

    /// <summary>Apache Parquet, as written by Hugging Face <c>datasets</c>, pandas or Understudy.</summary>
    Parquet,
}

/// <summary>Chooses a <see cref="DatasetFileFormat"/> from a path.</summary>
public static class DatasetFileFormats
{
    /// <summary><paramref name="format"/> itself, or the format the extension of <paramref name="path"/> names.</summary>
    public static DatasetFileFormat Resolve(string path, DatasetFileFormat format = DatasetFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (format != DatasetFileFormat.Auto)
        {
            return format;
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".json" or ".ndjson" => DatasetFileFormat.Jsonl,
            ".csv" => DatasetFileFormat.Csv,
            ".parquet" => DatasetFileFormat.Parquet,
            string other => throw new ArgumentException(
                $"Cannot tell the format of '{path}' from its extension '{other}': use .jsonl, .csv or .parquet, " +
                "or name the format explicitly (--format jsonl|csv|parquet).", nameof(path)),
        };
    }
}

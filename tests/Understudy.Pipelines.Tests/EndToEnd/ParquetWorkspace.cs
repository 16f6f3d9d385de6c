using Understudy.Core.Datasets.Storage;

namespace Understudy.Pipelines.Tests.EndToEnd;

/// <summary>A real on-disk dataset store in a fresh temporary folder, deleted on dispose.</summary>
public sealed class ParquetWorkspace : IDisposable
{
    public ParquetWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "understudy-pipelines-" + Guid.NewGuid().ToString("N"));
        Store = new ParquetDatasetStore(Root);
    }

    public string Root { get; }

    public ParquetDatasetStore Store { get; }

    public async Task<List<T>> RowsAsync<T>(string datasetId, string split) where T : class, new()
    {
        var rows = new List<T>();
        await foreach (T row in Store.ReadAsync<T>(datasetId, split))
        {
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

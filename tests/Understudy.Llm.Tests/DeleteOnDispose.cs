namespace Understudy.Llm.Tests;

/// <summary>Deletes a temporary folder when a test ends.</summary>
internal sealed class DeleteOnDispose(DirectoryInfo directory) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        if (directory.Exists)
        {
            directory.Delete(recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

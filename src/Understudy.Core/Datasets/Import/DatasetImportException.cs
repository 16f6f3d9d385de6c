namespace Understudy.Core.Datasets.Import;

/// <summary>An import that cannot go on: the message names the file, the line or row, and what to change.</summary>
public sealed class DatasetImportException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public DatasetImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DatasetImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

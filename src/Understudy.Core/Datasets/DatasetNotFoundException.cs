namespace Understudy.Core.Datasets;

/// <summary>A dataset or split that does not exist; the message names what does.</summary>
public sealed class DatasetNotFoundException(string message) : Exception(message);

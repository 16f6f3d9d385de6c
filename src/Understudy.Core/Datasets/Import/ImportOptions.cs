namespace Understudy.Core.Datasets.Import;

/// <summary>How to read an import file and split it. Column names left null are detected (see <see cref="ColumnNames"/>).</summary>
public sealed record ImportOptions
{
    /// <summary>File format; <see cref="DatasetFileFormat.Auto"/> picks it from the extension.</summary>
    public DatasetFileFormat Format { get; init; } = DatasetFileFormat.Auto;

    /// <summary>Column holding the prompt (else the first present of prompt, instruction, question, input, query).</summary>
    public string? PromptColumn { get; init; }

    /// <summary>Column holding the reference answer (else response, output, answer, completion, chosen).</summary>
    public string? ResponseColumn { get; init; }

    /// <summary>Column holding a chat (else messages, conversations).</summary>
    public string? MessagesColumn { get; init; }

    /// <summary>Column holding the category (else category, task, type).</summary>
    public string? CategoryColumn { get; init; }

    /// <summary>Category for rows that have none.</summary>
    public string DefaultCategory { get; init; } = "";

    /// <summary>Share of rows put in the test split, 0 to 1 (0 writes only <c>train</c>).</summary>
    public double TestSize { get; init; } = 0.2;

    /// <summary>Seed of the split: the same seed and rows always give the same split.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Split each category separately so both splits keep the categories' proportions.</summary>
    public bool StratifyByCategory { get; init; }

    /// <summary>Count and report invalid rows instead of stopping at the first one.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their range.</summary>
    public void Validate()
    {
        if (TestSize is < 0 or >= 1 || double.IsNaN(TestSize))
        {
            throw new ArgumentOutOfRangeException(nameof(TestSize), TestSize,
                "test size must be at least 0 and below 1 (e.g. 0.2 for 20 % of the rows in the test split).");
        }
    }
}

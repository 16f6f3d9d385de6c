namespace Understudy.Core.Lineage;

/// <summary>The kinds of artifact the lineage store records.</summary>
public static class ArtifactKinds
{
    /// <summary>A dataset split; location is <c>dataset_id:split</c>.</summary>
    public const string Dataset = "dataset";

    /// <summary>A model folder (weights, config, tokenizer, adapter); location is the folder.</summary>
    public const string Model = "model";

    /// <summary>A step's effective configuration; location is empty (the hash names the values).</summary>
    public const string Config = "config";

    /// <summary>A prompt template; location is the prompts file.</summary>
    public const string Prompt = "prompt";

    /// <summary>A judge or teacher version: provider, model name and endpoint.</summary>
    public const string Judge = "judge";

    /// <summary>A plain file (a report, a curation report).</summary>
    public const string File = "file";
}

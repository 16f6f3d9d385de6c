namespace Understudy.Pipelines.Curation;

/// <summary>Which part of a row a curation rule compares.</summary>
public enum CurationText
{
    /// <summary>The prompt (first user turn).</summary>
    Prompt,

    /// <summary>The reference answer (last assistant turn).</summary>
    Answer,

    /// <summary>Prompt and answer joined by a newline.</summary>
    PromptAndAnswer,
}

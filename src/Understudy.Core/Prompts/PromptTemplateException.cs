namespace Understudy.Core.Prompts;

/// <summary>A prompt file or template is unusable, or a render is missing a value; the message names the file, table and placeholder.</summary>
public sealed class PromptTemplateException(string message) : Exception(message);

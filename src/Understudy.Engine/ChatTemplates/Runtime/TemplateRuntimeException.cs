namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>A rendering error raised by a value operation; the evaluator adds the template position.</summary>
internal sealed class TemplateRuntimeException(string message) : Exception(message);

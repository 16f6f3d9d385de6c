namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Thrown by <c>raise_exception</c>; the evaluator turns it into a <see cref="TemplateRaisedException"/> with the position.</summary>
internal sealed class TemplateRaiseSignal(string message) : Exception(message);

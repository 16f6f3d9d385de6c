using Understudy.Engine.ChatTemplates;

namespace Understudy.Engine.Tests.ChatTemplates;

/// <summary>Renders a template source with a few variables, for table-driven interpreter tests.</summary>
internal static class TemplateAssert
{
    public static string Render(string source, object? variables = null, bool addGenerationPrompt = false)
    {
        var extra = variables is null
            ? null
            : variables.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(variables));
        return ChatTemplate.Parse(source).Render([], addGenerationPrompt, "<s>", "</s>", extra);
    }
}

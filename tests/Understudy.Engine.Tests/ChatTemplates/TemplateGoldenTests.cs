using System.Text.Json;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Tests.Tokenization;

namespace Understudy.Engine.Tests.ChatTemplates;

/// <summary>
/// Every real chat template rendered over the conversation corpus must equal, byte for byte, what Python's Jinja2
/// rendered with HF's settings (Fixtures/ChatTemplates/chat_template_goldens.json, made by make_template_goldens.py).
/// The templates are read from UNDERSTUDY_TEST_MODELS; the renders are ours and committed.
/// </summary>
public class TemplateGoldenTests
{
    private static readonly Lazy<JsonDocument> Goldens = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ChatTemplates", "chat_template_goldens.json"))));

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement template in Goldens.Value.RootElement.GetProperty("templates").EnumerateArray())
            data.Add(template.GetProperty("source").GetString()!);
        return data;
    }

    [Fact]
    public void Fixture_covers_every_template_family_and_a_raising_conversation()
    {
        JsonElement root = Goldens.Value.RootElement;
        Assert.True(root.GetProperty("templates").GetArrayLength() >= 13);
        Assert.True(root.GetProperty("conversations").GetArrayLength() >= 10);
        Assert.Contains(root.GetProperty("templates").EnumerateArray().SelectMany(t => t.GetProperty("renders").EnumerateArray()),
            r => r.TryGetProperty("error", out JsonElement e) && e.GetProperty("kind").GetString() == "raise_exception");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_matches_jinja2_byte_for_byte_on_every_conversation(string source)
    {
        JsonElement template = Goldens.Value.RootElement.GetProperty("templates").EnumerateArray()
            .Single(t => t.GetProperty("source").GetString() == source);
        ChatTemplate chatTemplate = ChatTemplate.Parse(ReadTemplate(source), new FixedClock(Goldens.Value.RootElement.GetProperty("now").GetDateTime()));
        var conversations = Goldens.Value.RootElement.GetProperty("conversations").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!);

        var failures = new List<string>();
        foreach (JsonElement expected in template.GetProperty("renders").EnumerateArray())
        {
            string name = expected.GetProperty("conversation").GetString()!;
            string? failure = Compare(chatTemplate, conversations[name], template, expected);
            if (failure is not null) failures.Add($"[{name}] {failure}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string? Compare(ChatTemplate template, JsonElement conversation, JsonElement spec, JsonElement expected)
    {
        var messages = conversation.GetProperty("messages").EnumerateArray().Select(TemplateValues.FromJson).ToList();
        var extra = conversation.TryGetProperty("extra", out JsonElement extras)
            ? extras.EnumerateObject().ToDictionary(p => p.Name, p => TemplateValues.FromJson(p.Value))
            : null;
        string? Token(string key) => spec.GetProperty(key).ValueKind == JsonValueKind.String ? spec.GetProperty(key).GetString() : null;
        try
        {
            string output = template.RenderValues(messages, conversation.GetProperty("add_generation_prompt").GetBoolean(),
                Token("bos_token"), Token("eos_token"), extra);
            if (expected.TryGetProperty("error", out JsonElement error)) return $"expected {error.GetProperty("kind")} \"{error.GetProperty("message")}\", rendered {JsonSerializer.Serialize(output)}";
            string wanted = expected.GetProperty("output").GetString()!;
            return output == wanted ? null : $"expected {JsonSerializer.Serialize(wanted)}\n   actual {JsonSerializer.Serialize(output)}";
        }
        catch (ChatTemplateException ex)
        {
            if (!expected.TryGetProperty("error", out JsonElement error)) return $"threw {ex.GetType().Name}: {ex.Message}";
            bool raised = error.GetProperty("kind").GetString() == "raise_exception";
            if (raised && ex is not TemplateRaisedException) return $"expected raise_exception, got {ex.Message}";
            if (raised && ex.Message != error.GetProperty("message").GetString()) return $"raised \"{ex.Message}\", expected \"{error.GetProperty("message")}\"";
            return null;
        }
    }

    private static string ReadTemplate(string source)
    {
        string path = SharedModels.Require(source.Split('/'));
        if (!source.EndsWith("tokenizer_config.json", StringComparison.Ordinal)) return File.ReadAllText(path);
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("chat_template").GetString()!;
    }

    private sealed class FixedClock(DateTime localNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(localNow, DateTimeKind.Utc));

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets;

/// <summary>One chat message as stored in the <c>messages</c> column (Hugging Face chat format).</summary>
public sealed class ChatTurn
{
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    [JsonPropertyName("content")]
    public string Content { get; set; } = "";

    public ChatTurn()
    {
    }

    public ChatTurn(string role, string content)
    {
        Role = role;
        Content = content;
    }
}

using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Caching;

namespace Understudy.Llm.Tests.Middleware.Caching;

public class RequestFingerprintTests
{
    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("http://127.0.0.1:1/v1/"), "gpt-4o-mini");

    private static string Key(string prompt = "q", ChatOptions? options = null, ChatClientMetadata? metadata = null) =>
        RequestFingerprint.Compute([new ChatMessage(ChatRole.User, prompt)], options, metadata ?? Metadata);

    [Fact]
    public void The_same_request_always_gives_the_same_key()
    {
        Assert.Equal(Key(options: new ChatOptions { Temperature = 0.2f }), Key(options: new ChatOptions { Temperature = 0.2f }));
        Assert.Matches("^[0-9a-f]{64}$", Key());
    }

    [Fact]
    public void Additional_properties_give_the_same_key_whatever_their_order()
    {
        var first = new ChatOptions { AdditionalProperties = new() { ["a"] = 1, ["b"] = "x" } };
        var second = new ChatOptions { AdditionalProperties = new() { ["b"] = "x", ["a"] = 1 } };
        Assert.Equal(Key(options: first), Key(options: second));
    }

    public static TheoryData<ChatOptions> ChangedOptions => new()
    {
        new ChatOptions { Temperature = 0.3f },
        new ChatOptions { Seed = 2 },
        new ChatOptions { ModelId = "gpt-4o" },
        new ChatOptions { MaxOutputTokens = 10 },
        new ChatOptions { ResponseFormat = ChatResponseFormat.Json },
        new ChatOptions { AdditionalProperties = new() { ["judge_version"] = 2 } },
    };

    [Theory]
    [MemberData(nameof(ChangedOptions))]
    public void Any_option_changes_the_key(ChatOptions changed) =>
        Assert.NotEqual(Key(options: new ChatOptions()), Key(options: changed));

    [Fact]
    public void The_prompt_the_endpoint_and_the_default_model_change_the_key()
    {
        Assert.NotEqual(Key("q"), Key("q2"));
        Assert.NotEqual(Key(), Key(metadata: new ChatClientMetadata("openai", new Uri("http://127.0.0.1:2/v1/"), "gpt-4o-mini")));
        Assert.NotEqual(Key(), Key(metadata: new ChatClientMetadata("openai", new Uri("http://127.0.0.1:1/v1/"), "gpt-4o")));
    }
}

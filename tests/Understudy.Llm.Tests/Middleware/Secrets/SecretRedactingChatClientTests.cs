using Microsoft.Extensions.AI;
using Understudy.Llm.Errors;
using Understudy.Llm.Middleware.Secrets;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.Secrets;

public class SecretRedactingChatClientTests
{
    private const string Key = "sk-live-0123456789abcdef";

    [Fact]
    public async Task An_error_that_quotes_the_key_is_replaced_by_a_masked_one()
    {
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException(
                $"Incorrect API key provided: {Key}", new InvalidOperationException($"inner also has {Key}"), System.Net.HttpStatusCode.Unauthorized),
        };
        using var client = new SecretRedactingChatClient(inner, [Key]);

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken));

        Assert.DoesNotContain(Key, error.ToString());
        Assert.Contains("sk-****", error.Message);
        Assert.Equal(401, error.StatusCode);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task An_error_without_the_key_passes_through_unchanged()
    {
        var original = new HttpRequestException("server overloaded");
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw original };
        using var client = new SecretRedactingChatClient(inner, [Key]);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Same(original, error);
    }

    [Fact]
    public void Short_strings_are_not_treated_as_secrets()
    {
        using var client = new SecretRedactingChatClient(new TestChatClient(), ["abc", Key]);
        Assert.Equal("abc and sk-****", client.Redact($"abc and {Key}"));
    }
}

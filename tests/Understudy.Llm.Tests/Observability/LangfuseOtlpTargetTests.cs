using System.Text;
using Understudy.Llm.Observability;

namespace Understudy.Llm.Tests.Observability;

public sealed class LangfuseOtlpTargetTests
{
    [Fact]
    public void The_endpoint_and_basic_auth_header_come_from_the_host_and_key_pair()
    {
        var target = LangfuseOtlpTarget.Create("https://langfuse.example.org/", "pk-lf-123", "sk-lf-456");

        Assert.Equal("https://langfuse.example.org/api/public/otel/v1/traces", target.TracesEndpoint.ToString());
        Assert.StartsWith("Basic ", target.Authorization);
        Assert.Equal("pk-lf-123:sk-lf-456", Encoding.UTF8.GetString(Convert.FromBase64String(target.Authorization["Basic ".Length..])));
    }

    [Fact]
    public void No_host_means_Langfuse_Cloud()
    {
        var target = LangfuseOtlpTarget.Create(null, "pk", "sk");

        Assert.Equal(LangfuseOtlpTarget.DefaultHost + "/api/public/otel/v1/traces", target.TracesEndpoint.ToString());
    }

    [Theory]
    [InlineData("", "sk", "langfuse_public_key")]
    [InlineData("pk", " ", "langfuse_secret_key")]
    public void A_missing_key_is_named(string publicKey, string secretKey, string missing)
    {
        var error = Assert.Throws<ArgumentException>(() => LangfuseOtlpTarget.Create("https://h", publicKey, secretKey));
        Assert.Contains(missing + " is empty", error.Message);
    }

    [Fact]
    public void A_host_that_is_not_a_url_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LangfuseOtlpTarget.Create("langfuse.local", "pk", "sk"));
        Assert.Contains("langfuse_host", error.Message);
    }
}

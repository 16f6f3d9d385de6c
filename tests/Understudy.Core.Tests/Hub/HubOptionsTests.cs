using Understudy.Core.Hub;

namespace Understudy.Core.Tests.Hub;

public sealed class HubOptionsTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FromEnvironment_reads_endpoint_token_and_cache_like_the_hub_clients()
    {
        var variables = new Dictionary<string, string?>
        {
            ["HF_ENDPOINT"] = "http://127.0.0.1:9999/",
            ["HF_TOKEN"] = "hf_abc",
            ["HF_HOME"] = _folder.Path,
        };

        HubOptions options = HubOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:9999"), options.Endpoint);
        Assert.Equal("hf_abc", options.Token);
        Assert.Equal(_folder.Combine("hub"), options.CacheDirectory);
    }

    [Fact]
    public void FromEnvironment_falls_back_to_the_login_token_file_under_HF_HOME()
    {
        File.WriteAllText(_folder.Combine("token"), "hf_from_file\n");

        HubOptions options = HubOptions.FromEnvironment(name => name == "HF_HOME" ? _folder.Path : null);

        Assert.Equal("hf_from_file", options.Token);
        Assert.Equal(HubOptions.DefaultEndpoint, options.Endpoint);
    }

    [Fact]
    public void ToString_never_shows_the_token()
    {
        var options = new HubOptions { Token = "hf_secret" };

        Assert.DoesNotContain("hf_secret", options.ToString());
        Assert.Contains("Token = set", options.ToString());
    }
}

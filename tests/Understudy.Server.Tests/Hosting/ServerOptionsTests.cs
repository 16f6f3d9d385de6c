using Understudy.Server.Hosting;
using Understudy.Server.Security;

namespace Understudy.Server.Tests.Hosting;

public class ServerOptionsTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("::")]
    public void No_auth_is_refused_off_loopback(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServerOptions { Host = host, NoAuth = true }.Validate());

        Assert.Contains("--no-auth is allowed only on a loopback address", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void No_auth_is_allowed_on_loopback(string host) => new ServerOptions { Host = host, NoAuth = true }.Validate();

    [Fact]
    public void Keys_are_required_by_default_even_on_loopback()
    {
        Assert.Contains("--api-key-file", Assert.Throws<ArgumentException>(() => new ServerOptions().Validate()).Message);
        new ServerOptions { Host = "0.0.0.0", ApiKeys = new ApiKeyStore(["k"]) }.Validate();
    }

    [Fact]
    public void A_host_name_is_refused_with_what_to_use_instead()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServerOptions { Host = "example.org", ApiKeys = new ApiKeyStore(["k"]) }.Validate());

        Assert.Contains("not an IP address", error.Message);
    }
}

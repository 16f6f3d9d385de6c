using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Caching;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.Caching;

public sealed class DiskCachingChatClientTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("understudy-cache-test-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_repeated_request_is_answered_from_disk_and_marked_as_a_hit()
    {
        var inner = TestChatClient.Answering("judged: 85");
        using var client = new DiskCachingChatClient(inner, _directory.FullName);

        var first = await client.GetResponseAsync("q", new ChatOptions { Temperature = 0 }, Ct);
        var second = await client.GetResponseAsync("q", new ChatOptions { Temperature = 0 }, Ct);

        Assert.Equal(1, inner.CallCount);
        Assert.False(DiskCachingChatClient.IsCacheHit(first));
        Assert.True(DiskCachingChatClient.IsCacheHit(second));
        Assert.Equal("judged: 85", second.Text);
        Assert.Equal(first.Usage?.InputTokenCount, second.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task The_cache_survives_a_new_client_on_the_same_folder()
    {
        using (var client = new DiskCachingChatClient(TestChatClient.Answering("stored"), _directory.FullName))
        {
            await client.GetResponseAsync("q", cancellationToken: Ct);
        }

        var fresh = TestChatClient.Answering("not used");
        using var again = new DiskCachingChatClient(fresh, _directory.FullName);
        Assert.Equal("stored", (await again.GetResponseAsync("q", cancellationToken: Ct)).Text);
        Assert.Equal(0, fresh.CallCount);
    }

    [Fact]
    public async Task A_different_option_is_a_miss()
    {
        var inner = TestChatClient.Answering("x");
        using var client = new DiskCachingChatClient(inner, _directory.FullName);

        await client.GetResponseAsync("q", new ChatOptions { Temperature = 0 }, Ct);
        await client.GetResponseAsync("q", new ChatOptions { Temperature = 1 }, Ct);

        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task Failures_are_never_cached()
    {
        var calls = 0;
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => ++calls == 1
                ? throw new HttpRequestException("500")
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "recovered"))),
        };
        using var client = new DiskCachingChatClient(inner, _directory.FullName);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q", cancellationToken: Ct));
        Assert.Empty(_directory.EnumerateFiles("*", SearchOption.AllDirectories));

        Assert.Equal("recovered", (await client.GetResponseAsync("q", cancellationToken: Ct)).Text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Entries_are_single_json_files_with_no_temporary_files_left()
    {
        using var client = new DiskCachingChatClient(TestChatClient.Answering("x"), _directory.FullName);

        await client.GetResponseAsync("one", cancellationToken: Ct);
        await client.GetResponseAsync("two", cancellationToken: Ct);

        var files = _directory.EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Matches("^[0-9a-f]{64}\\.json$", f.Name));
    }

    [Fact]
    public async Task A_streamed_response_is_stored_once_complete_and_replayed()
    {
        var inner = TestChatClient.Answering("streamed answer");
        using var client = new DiskCachingChatClient(inner, _directory.FullName);

        var first = await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct);
        var second = await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(1, inner.CallCount);
        Assert.Equal("streamed answer", first.ToChatResponse().Text);
        Assert.Equal("streamed answer", second.ToChatResponse().Text);
        Assert.True(second[0].AdditionalProperties?[DiskCachingChatClient.CacheHitProperty] is true);
    }

    [Fact]
    public async Task A_corrupt_entry_is_reported_with_its_file()
    {
        using var client = new DiskCachingChatClient(TestChatClient.Answering("x"), _directory.FullName);
        await client.GetResponseAsync("q", cancellationToken: Ct);
        var entry = _directory.EnumerateFiles("*.json", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(entry.FullName, "{ not json", Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Contains(entry.FullName, error.Message);
        Assert.Contains("Delete the file", error.Message);
    }
}

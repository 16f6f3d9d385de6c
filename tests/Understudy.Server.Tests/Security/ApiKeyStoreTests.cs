using Understudy.Server.Security;

namespace Understudy.Server.Tests.Security;

public class ApiKeyStoreTests
{
    private static string WriteKeyFile(params string[] lines)
    {
        string path = Path.Combine(Path.GetTempPath(), $"understudy-keys-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Load_accepts_plaintext_and_hashed_keys_and_ignores_comments()
    {
        string path = WriteKeyFile("# team keys", "", "sk-plain", ApiKeyStore.Hash("sk-hashed"));
        try
        {
            var store = ApiKeyStore.Load(path);

            Assert.Equal(2, store.Count);
            Assert.True(store.IsValid("sk-plain"));
            Assert.True(store.IsValid("sk-hashed"));
            Assert.False(store.IsValid(ApiKeyStore.Hash("sk-hashed")));      // the hash itself is not a key
            Assert.False(store.IsValid("sk-other"));
            Assert.False(store.IsValid(""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_names_the_file_and_line_of_a_malformed_hash()
    {
        string path = WriteKeyFile("sk-ok", "sha256:abc");
        try
        {
            var error = Assert.Throws<FormatException>(() => ApiKeyStore.Load(path));

            Assert.Contains($"{path} line 2", error.Message);
            Assert.Contains("hash-key", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_refuses_a_file_without_keys()
    {
        string path = WriteKeyFile("# nothing yet");
        try
        {
            Assert.Contains("holds no API key", Assert.Throws<FormatException>(() => ApiKeyStore.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Hash_is_sha256_hex_and_new_keys_differ()
    {
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeyStore.Hash("hello"));
        Assert.NotEqual(ApiKeyStore.NewKey(), ApiKeyStore.NewKey());
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Understudy.Engine.Tests.Hub;

/// <summary>
/// A local stand-in for the Hugging Face Hub on 127.0.0.1: the revision API, <c>resolve</c> URLs with ETags,
/// LFS-style redirects (X-Linked-Etag on the redirect) for .safetensors files, Range requests, and a bearer check.
/// </summary>
public sealed class HubFixtureServer : IDisposable
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly string _repo;
    private readonly string? _requiredToken;
    private readonly Task _loop;

    public HubFixtureServer(string repo, Dictionary<string, byte[]> files, string? requiredToken = null)
    {
        _repo = repo;
        _files = files;
        _requiredToken = requiredToken;
        int port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public Uri Endpoint { get; }

    public List<string> Requests { get; } = [];

    /// <summary>When set, GETs of this file send only this many bytes (a dropped connection), once.</summary>
    public (string File, int Bytes)? TruncateOnce { get; set; }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { Handle(context); }
            catch (Exception) { context.Response.StatusCode = 500; }
            finally { try { context.Response.Close(); } catch (Exception) { } }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        string path = Uri.UnescapeDataString(request.Url!.AbsolutePath).TrimStart('/');
        lock (Requests) Requests.Add($"{request.HttpMethod} {path}{(request.Headers["Range"] is { } r ? " " + r : "")}");
        if (_requiredToken is not null && !path.StartsWith("cdn/", StringComparison.Ordinal) && request.Headers["Authorization"] != $"Bearer {_requiredToken}")
        {
            response.StatusCode = 401;
            return;
        }
        if (path == $"api/models/{_repo}/revision/main")
        {
            string siblings = string.Join(",", _files.Keys.Select(f => $"{{\"rfilename\":\"{f}\"}}"));
            Write(response, Encoding.UTF8.GetBytes($"{{\"id\":\"{_repo}\",\"sha\":\"{Commit}\",\"siblings\":[{siblings}]}}"), null);
            return;
        }
        string prefix = $"{_repo}/resolve/{Commit}/";
        if (path.StartsWith(prefix, StringComparison.Ordinal) && _files.TryGetValue(path[prefix.Length..], out byte[]? content))
        {
            string etag = Convert.ToHexStringLower(SHA256.HashData(content));
            if (path.EndsWith(".safetensors", StringComparison.Ordinal))
            {
                response.StatusCode = 302;
                response.Headers["Location"] = "/cdn/" + path[prefix.Length..];
                response.Headers["X-Linked-Etag"] = $"\"{etag}\"";
                return;
            }
            response.Headers["ETag"] = $"\"{etag}\"";
            if (request.HttpMethod != "HEAD") Write(response, content, request.Headers["Range"]);
            return;
        }
        if (path.StartsWith("cdn/", StringComparison.Ordinal) && _files.TryGetValue(path[4..], out byte[]? blob))
        {
            response.Headers["ETag"] = "\"storage-etag\"";
            if (request.HttpMethod == "HEAD") return;
            if (TruncateOnce is { } cut && cut.File == path[4..])
            {
                TruncateOnce = null;
                response.ContentLength64 = blob.Length;
                response.OutputStream.Write(blob, 0, cut.Bytes);
                response.Abort();
                return;
            }
            Write(response, blob, request.Headers["Range"]);
            return;
        }
        response.StatusCode = 404;
    }

    private static void Write(HttpListenerResponse response, byte[] content, string? range)
    {
        int start = 0;
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            start = int.Parse(range[6..].TrimEnd('-'));
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        response.ContentLength64 = content.Length - start;
        response.OutputStream.Write(content, start, content.Length - start);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

using System.Net;

namespace Understudy.Core.Hub;

/// <summary>The Hub refused or failed a request; the message says what was asked and what to do.</summary>
public class HubException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the Hub answered, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>401/403: no token, or a token without the needed access.</summary>
public sealed class HubAuthenticationException(string message, HttpStatusCode statusCode) : HubException(message, statusCode);

/// <summary>404: the repository, revision or file does not exist (or is private and hidden from this token).</summary>
public sealed class HubNotFoundException(string message) : HubException(message, HttpStatusCode.NotFound);

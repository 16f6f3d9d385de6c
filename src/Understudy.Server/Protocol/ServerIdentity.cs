namespace Understudy.Server.Protocol;

/// <summary>How the server names itself in responses.</summary>
public static class ServerIdentity
{
    /// <summary>The <c>system_fingerprint</c> of every response.</summary>
    public const string SystemFingerprint = "understudy-serve";

    /// <summary>The <c>owned_by</c> of served models.</summary>
    public const string Owner = "understudy";
}

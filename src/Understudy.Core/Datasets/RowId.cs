using System.Security.Cryptography;
using System.Text;

namespace Understudy.Core.Datasets;

/// <summary>
/// Stable content-hash row ids: the same content always gets the same id, on any machine, so merging or
/// re-running never duplicates rows. Text is normalised (Unicode NFC, line endings, trimmed) before hashing.
/// </summary>
public static class RowId
{
    /// <summary>Hex SHA-256 (first 16 bytes) of the normalised parts, separated so ("ab","c") ≠ ("a","bc").</summary>
    public static string FromContent(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new StringBuilder();
        foreach (string part in parts)
        {
            string normalised = (part ?? "").Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Trim();
            builder.Append(normalised.Length).Append(':').Append(normalised).Append('\u001f');
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The id of a chat: every turn's role and content, in order.</summary>
    public static string FromMessages(IEnumerable<ChatTurn> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return FromContent(messages.SelectMany(m => new[] { m.Role, m.Content }).ToArray());
    }
}

using System.Globalization;
using System.Text;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// The comparison form of a text: Unicode NFKC, lower case (invariant), punctuation and symbols replaced by spaces,
/// runs of whitespace collapsed to one space, trimmed. "Hello,   World!" and "hello world" normalise alike.
/// </summary>
public static class TextNormaliser
{
    /// <summary>The normalised text.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        bool pendingSpace = false;
        foreach (char c in folded)
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            bool separator = char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || category == UnicodeCategory.Control;
            if (separator)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The words of the normalised text.</summary>
    public static string[] Words(string text) =>
        Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// The task instruction: what a user of the triage task sends (and what the coverage dataset's prompts are).
/// The ticket sits between <c>&lt;ticket&gt;</c> and <c>&lt;/ticket&gt;</c>, which is how the simulator finds it
/// in answer, judge and synthesis requests alike. The rules in the wording are <see cref="TriageRules"/>'s, so a
/// real LLM given the same prompt can reach the same answer.
/// </summary>
public static class TriagePrompt
{
    public const string TicketOpenTag = "<ticket>";
    public const string TicketCloseTag = "</ticket>";

    /// <summary>The instruction text that precedes the ticket.</summary>
    public const string Instruction =
        """
        Triage the customer support ticket below. Answer with only a JSON object, no other text, with exactly these keys:
        - "category": "billing", "shipping", "bug", "account" or "feature_request"
        - "priority": "low", "medium", "high" or "urgent": the severity the customer states (medium if none), one level higher for Enterprise customers
        - "product": the product named in the ticket with each word capitalised (e.g. "Nimbus Router X2"), or null
        - "order_id": the order number as "ORD-" followed by its six digits, or null
        - "sentiment": "negative", "neutral" or "positive"
        - "needs_human": true if the priority is urgent, the customer asks for a refund or asks to talk to a person; otherwise false
        """;

    /// <summary>The full prompt for one ticket.</summary>
    public static string Build(string ticketText)
    {
        ArgumentNullException.ThrowIfNull(ticketText);
        return $"{Instruction}\n\n{TicketOpenTag}\n{ticketText.Trim()}\n{TicketCloseTag}";
    }

    /// <summary>Finds the ticket in a prompt (the text between the first ticket tags); false when there is none.</summary>
    public static bool TryExtractTicket(string prompt, out string ticketText)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ticketText = "";
        int open = prompt.IndexOf(TicketOpenTag, StringComparison.OrdinalIgnoreCase);
        if (open < 0)
        {
            return false;
        }
        int start = open + TicketOpenTag.Length;
        int close = prompt.IndexOf(TicketCloseTag, start, StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            return false;
        }
        ticketText = prompt[start..close].Trim();
        return ticketText.Length > 0;
    }

    /// <summary>
    /// The same prompt with another ticket in place of the first one, so that synthesised prompts keep the exact
    /// instruction wording of the seed they imitate.
    /// </summary>
    public static string ReplaceTicket(string prompt, string newTicketText)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(newTicketText);
        int open = prompt.IndexOf(TicketOpenTag, StringComparison.OrdinalIgnoreCase);
        int close = open < 0 ? -1 : prompt.IndexOf(TicketCloseTag, open, StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            throw new ArgumentException("The prompt has no <ticket>…</ticket> section to replace.", nameof(prompt));
        }
        return prompt[..(open + TicketOpenTag.Length)] + "\n" + newTicketText.Trim() + "\n" + prompt[close..];
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// Recognises a synthesis prompt: outside its ticket sections it contains the words "generate" and "pair(s)"
/// (as LlamaDuo's <c>[synth_data_gen]</c> template and the bundled one do), and it shows at least one seed example
/// whose instruction holds a <c>&lt;ticket&gt;</c> (tag pairs around text that is not a ticket are skipped). It reads how many pairs to make ("Generate 5 new … pairs";
/// 5 when no number is given, at most 50) and the JSON names to answer with: a <c>json_schema</c> response format's
/// array property and item keys, else the first <c>{"x": [{"a": "…", "b": "…"}]}</c> example in the prompt, else
/// LlamaDuo's <c>{"contents": [{"instruction", "response"}]}</c>.
/// </summary>
public static partial class SynthesisPromptParser
{
    public const int DefaultCount = 5;
    public const int MaxCount = 50;

    /// <summary>False when the prompt does not ask for generated pairs; throws a 400 when it does but shows no triage seed.</summary>
    public static bool TryParse(string prompt, ResponseFormat responseFormat, out SynthesisSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(responseFormat);
        spec = null;
        List<(int Open, int Close)> tickets = TicketSpans(prompt);
        string outsideTickets = tickets.AsEnumerable().Reverse().Aggregate(prompt, (text, span) => text.Remove(span.Open, span.Close - span.Open));
        if (!GenerateWord().IsMatch(outsideTickets) || !PairWord().IsMatch(outsideTickets))
        {
            return false;
        }
        if (tickets.Count == 0)
        {
            throw SimulatorException.BadRequest("unsupported_synthesis_task",
                "This synthesis prompt shows no seed example with a <ticket>…</ticket>: the ticket-triage simulator can only "
                + "synthesise ticket-triage pairs.", "messages");
        }
        var seeds = new List<(string, TicketCategory)>();
        string? unrecognized = null;
        foreach (var span in tickets)
        {
            try
            {
                seeds.Add((SeedInstruction(prompt, span), TriageExtractor.ReadFacts(TicketText(prompt, span)).Category));
            }
            catch (TicketNotRecognizedException exception)
            {
                unrecognized ??= exception.Message; // e.g. prose that mentions the tags; fine while another seed is a ticket
            }
        }
        if (seeds.Count == 0)
        {
            throw SimulatorException.BadRequest("ticket_not_recognized", "Cannot synthesise from this seed: " + unrecognized, "messages");
        }
        (string container, string promptKey, string responseKey) = OutputNames(outsideTickets, responseFormat);
        spec = new SynthesisSpec(seeds, ReadCount(outsideTickets), container, promptKey, responseKey);
        return true;
    }

    private static List<(int Open, int Close)> TicketSpans(string prompt)
    {
        var spans = new List<(int, int)>();
        int from = 0;
        while (true)
        {
            int open = PromptSections.Find(prompt, TriagePrompt.TicketOpenTag, from);
            int close = open < 0 ? -1 : PromptSections.Find(prompt, TriagePrompt.TicketCloseTag, open);
            if (close < 0)
            {
                return spans;
            }
            spans.Add((open, close + TriagePrompt.TicketCloseTag.Length));
            from = close + TriagePrompt.TicketCloseTag.Length;
        }
    }

    /// <summary>The seed's instruction: from the "Instruction:" heading or &lt;instruction&gt; tag before the ticket to the ticket's end.</summary>
    private static string SeedInstruction(string prompt, (int Open, int Close) ticket)
    {
        int heading = prompt.LastIndexOf("Instruction:", ticket.Open, StringComparison.OrdinalIgnoreCase);
        int tag = prompt.LastIndexOf("<instruction>", ticket.Open, StringComparison.OrdinalIgnoreCase);
        int start = Math.Max(heading < 0 ? -1 : heading + "Instruction:".Length, tag < 0 ? -1 : tag + "<instruction>".Length);
        return start < 0 ? TriagePrompt.Build(TicketText(prompt, ticket)) : PromptSections.DropOpeningFence(prompt[start..ticket.Close]);
    }

    private static string TicketText(string prompt, (int Open, int Close) ticket) =>
        prompt[(ticket.Open + TriagePrompt.TicketOpenTag.Length)..(ticket.Close - TriagePrompt.TicketCloseTag.Length)];

    private static int ReadCount(string prompt)
    {
        Match match = CountPhrase().Match(prompt);
        if (!match.Success)
        {
            return DefaultCount;
        }
        int count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        return count is >= 1 and <= MaxCount
            ? count
            : throw SimulatorException.BadRequest("invalid_pair_count", $"The prompt asks for {count} pairs; the simulator makes 1 to {MaxCount} per request.", "messages");
    }

    private static (string Container, string PromptKey, string ResponseKey) OutputNames(string prompt, ResponseFormat responseFormat)
    {
        if (responseFormat.Schema is { } schema && SchemaNames(schema) is { } fromSchema)
        {
            return fromSchema;
        }
        Match example = JsonExample().Match(prompt);
        return example.Success
            ? (example.Groups["container"].Value, example.Groups["first"].Value, example.Groups["second"].Value)
            : ("contents", "instruction", "response");
    }

    private static (string, string, string)? SchemaNames(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out JsonElement properties))
        {
            return null;
        }
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            if (property.Value.TryGetProperty("items", out JsonElement items) && items.TryGetProperty("properties", out JsonElement itemProperties))
            {
                string[] keys = itemProperties.EnumerateObject().Select(item => item.Name).ToArray();
                string? promptKey = keys.FirstOrDefault(key => PromptKeyWord().IsMatch(key));
                string? responseKey = keys.FirstOrDefault(key => ResponseKeyWord().IsMatch(key));
                if (promptKey is not null && responseKey is not null)
                {
                    return (property.Name, promptKey, responseKey);
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"\bgenerat\w*\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenerateWord();

    [GeneratedRegex(@"\bpairs?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairWord();

    [GeneratedRegex(@"\b(?<count>\d{1,4})\s+(?:(?:new|more|different|additional|distinct|synthetic)\s+)*(?:\(\s*instruction\s*,\s*response\s*\)\s+)?(?:pairs|examples)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountPhrase();

    [GeneratedRegex(@"\{\s*""(?<container>\w+)""\s*:\s*\[\s*\{\s*""(?<first>\w+)""\s*:\s*""[^""]*""\s*,\s*""(?<second>\w+)""\s*:")]
    private static partial Regex JsonExample();

    [GeneratedRegex("instruction|prompt|question|input", RegexOptions.IgnoreCase)]
    private static partial Regex PromptKeyWord();

    [GeneratedRegex("response|answer|output|completion", RegexOptions.IgnoreCase)]
    private static partial Regex ResponseKeyWord();
}

using Understudy.Core.Datasets;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Curation;

/// <summary>Crafted training and test rows, each made to be caught (or kept) by one rule.</summary>
internal static class CuratedRows
{
    public const string Wifi = "My laptop will not connect to the office wifi since this morning, the network icon shows a red cross and restarting did not help";
    public const string WifiReworded = "My laptop will not connect to the office wifi since this morning; the network icon shows a red cross, and rebooting did not help";
    public const string WifiWhitespace = "my laptop   will NOT connect to the office wifi since this morning the network icon shows a red cross and restarting did not help!";
    public const string Printer = "The office printer on floor three jams on every double sided job since this morning and the tray light keeps blinking orange";
    public const string VpnTest = "Where can I download the VPN client for my home computer and which server address should I enter";
    public const string VpnLeak = "Where can I download the VPN client for my home computer, and which server address do I enter?";
    public const string VpnDistinct = "How do I install the VPN client on a company laptop that runs Linux";

    public static readonly string Json = "{\"team\": \"it\", \"priority\": \"high\"}";

    /// <summary>Index → what should happen to it.</summary>
    public static List<CoverageRow> Train() =>
    [
        Rows.Coverage(Wifi, Json),                                     // 0 kept
        Rows.Coverage(WifiWhitespace, Json),                           // 1 exact duplicate of 0
        Rows.Coverage(WifiReworded, Json),                             // 2 near duplicate of 0
        Rows.Coverage(Printer, Json),                                  // 3 kept: same topic words, different ticket
        Rows.Coverage(VpnLeak, Json),                                  // 4 contaminated by the test row
        Rows.Coverage(VpnDistinct, Json),                              // 5 kept: shares words with the test row, not its text
        Rows.Coverage("Monitor flickers when the docking station is connected", " "),   // 6 empty answer
        Rows.Coverage("Outlook asks for my password every five minutes", "I'm sorry, but I can't help with that."), // 7 refusal
        Rows.Coverage("Keyboard letters print twice when I type quickly", "team: it"),  // 8 invalid JSON
        Rows.Coverage("hi", Json),                                     // 9 prompt too short
        new CoverageRow { PromptId = "no-question", Messages = [new("assistant", "an answer to nothing")] }, // 10 malformed
        Rows.Coverage("Teams calls drop after exactly ten minutes on the guest network", "```json\n" + Json + "\n```"),   // 11 kept
    ];

    public static List<CoverageRow> Test() => [Rows.Coverage(VpnTest, Json), Rows.Coverage("Badge does not open the garage door", Json)];
}

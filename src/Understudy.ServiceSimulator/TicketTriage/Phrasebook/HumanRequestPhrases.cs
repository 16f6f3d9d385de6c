namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>The customer asks for a person; such a ticket always needs a human.</summary>
public static class HumanRequestPhrases
{
    public static readonly CuedPhrases<bool> Requests = new CuedPhrases<bool>()
        .Add(true,
            [
                "Please let me talk to a person.",
                "I would like to speak to a human, not a bot.",
                "Can a real person call me back?",
            ],
            ["talk to a person", "speak to a human", "real person"]);
}

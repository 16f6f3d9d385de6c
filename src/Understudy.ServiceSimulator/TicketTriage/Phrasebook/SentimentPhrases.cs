namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>The customer's tone. A ticket with no tone sentence is neutral.</summary>
public static class SentimentPhrases
{
    public static readonly CuedPhrases<TicketSentiment> ByTone = new CuedPhrases<TicketSentiment>()
        .Add(TicketSentiment.Negative,
            [
                "I am really frustrated.",
                "This is unacceptable.",
                "I am very disappointed.",
                "Honestly, this is the worst experience I have had with you.",
            ],
            ["frustrated", "unacceptable", "disappointed", "worst experience"])
        .Add(TicketSentiment.Positive,
            [
                "I love this product otherwise.",
                "Thanks so much for your help!",
                "Your support has always been great.",
                "Really happy with everything else.",
            ],
            ["love this product", "thanks so much", "always been great", "really happy"]);
}

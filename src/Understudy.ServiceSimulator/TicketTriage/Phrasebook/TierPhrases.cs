namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>The customer's plan, when the ticket states it.</summary>
public static class TierPhrases
{
    public static readonly CuedPhrases<CustomerTier> ByTier = new CuedPhrases<CustomerTier>()
        .Add(CustomerTier.Enterprise,
            ["We are on the Enterprise plan.", "I am writing for an Enterprise account.", "(Enterprise customer)"],
            ["enterprise"])
        .Add(CustomerTier.Pro, ["I am on the Pro plan.", "We pay for the Pro plan."], ["pro plan"])
        .Add(CustomerTier.Free, ["I use the free plan.", "I am on the free plan for now."], ["free plan"]);
}

namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// The problem statement of a ticket, by category. <c>{product}</c> marks where a catalogue product is named;
/// sentences without it name no product (only account tickets have such). A billing sentence that contains
/// the word "refund" is a refund request, which always needs a human.
/// </summary>
public static class IssuePhrases
{
    public const string ProductSlot = "{product}";

    /// <summary>The cue of a refund request (a billing ticket that needs a human).</summary>
    public const string RefundCue = "refund";

    public static readonly CuedPhrases<TicketCategory> ByCategory = new CuedPhrases<TicketCategory>()
        .Add(TicketCategory.Billing,
            [
                "I was charged twice for my {product}.",
                "The invoice for my {product} shows the wrong amount.",
                "My payment for the {product} went through but the order page still says unpaid.",
                "I would like a refund for the {product}.",
                "Please refund me for the {product}, I sent it back already.",
                "The billing page lists a {product} subscription I never signed up for.",
                "I got charged the full price for the {product} even though I used a discount code.",
            ],
            ["charged", "invoice", "refund", "payment", "billing"])
        .Add(TicketCategory.Shipping,
            [
                "My package with the {product} has not arrived yet.",
                "The tracking page for my {product} has not changed in five days.",
                "The parcel with my {product} arrived damaged, the box was crushed.",
                "The courier says the {product} was delivered but I never got it.",
                "The delivery of my {product} is two weeks late.",
                "I received a shipment with the wrong item instead of the {product}.",
            ],
            ["package", "parcel", "tracking", "delivery", "delivered", "courier", "shipment"])
        .Add(TicketCategory.Bug,
            [
                "The {product} crashes every time I open the settings.",
                "My {product} freezes after a few minutes of use.",
                "The {product} shows error code E{code} when I start it.",
                "The {product} stopped working after the latest update.",
                "My {product} keeps disconnecting from the Wi-Fi.",
                "The firmware update fails on my {product} halfway through.",
            ],
            ["crashes", "freezes", "error code", "stopped working", "keeps disconnecting", "firmware update fails"])
        .Add(TicketCategory.Account,
            [
                "I cannot log in to my account.",
                "I can't log in to the {product} app anymore.",
                "The password reset email never arrives.",
                "My account was locked after too many attempts.",
                "The two-factor code for my {product} login is never accepted.",
                "I need to change the account email to my new address.",
                "How do I change the username on my profile?",
            ],
            ["log in", "login", "password", "locked", "two-factor", "account email", "username"])
        .Add(TicketCategory.FeatureRequest,
            [
                "It would be great if the {product} could export data to CSV.",
                "Please add a dark mode to the {product}.",
                "Feature request: let the {product} run a schedule on weekends.",
                "I would love an option to share the {product} with my family.",
                "Could you add voice commands to the {product}?",
                "Small suggestion: the {product} should remember my last settings.",
            ],
            ["it would be great if", "please add", "feature request", "would love an option", "could you add", "suggestion"]);
}

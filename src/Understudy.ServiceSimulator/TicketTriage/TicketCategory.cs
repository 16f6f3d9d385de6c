namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>What a support ticket is about. Wire names: billing, shipping, bug, account, feature_request.</summary>
public enum TicketCategory
{
    Billing,
    Shipping,
    Bug,
    Account,
    FeatureRequest,
}

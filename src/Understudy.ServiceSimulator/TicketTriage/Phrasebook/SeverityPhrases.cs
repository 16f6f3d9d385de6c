namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// How bad the customer says the problem is. A ticket carries at most one of these; with none the stated
/// severity is medium. The priority is the stated severity, one level higher for Enterprise customers.
/// </summary>
public static class SeverityPhrases
{
    public static readonly CuedPhrases<TicketPriority> ByLevel = new CuedPhrases<TicketPriority>()
        .Add(TicketPriority.Urgent,
            ["This is urgent.", "Our whole team is blocked.", "We are losing sales every hour.", "I need this fixed today."],
            ["urgent", "whole team is blocked", "losing sales", "fixed today"])
        .Add(TicketPriority.High,
            ["This is a serious problem for us.", "Please fix this soon.", "It happens every single time."],
            ["serious problem", "fix this soon", "every single time"])
        .Add(TicketPriority.Medium,
            ["It is annoying but I can work around it.", "Please look at it this week."],
            ["annoying", "this week"])
        .Add(TicketPriority.Low,
            ["No rush on this.", "It is just a minor thing.", "Whenever you have time is fine."],
            ["no rush", "minor thing", "whenever you have time"]);
}

namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// Text that changes nothing in the triage: greetings, subjects, sign-offs, names and small talk. None of it
/// may contain a cue (the phrasebook tests check this). <c>{date}</c>, <c>{phone}</c>, <c>{ticket}</c> and
/// <c>{first}</c> are filled by the generator with harmless numbers and names.
/// </summary>
public static class FillerPhrases
{
    public static readonly IReadOnlyList<string> Greetings =
        ["Hi,", "Hello,", "Hello support team,", "Dear support,", "Hey there,", "Good morning,", "Hi team,"];

    public static readonly IReadOnlyList<string> Subjects =
        ["Subject: Problem with my order", "Subject: Help needed", "Subject: Question", "Subject: Issue", "Subject: Re: my request"];

    public static readonly IReadOnlyList<string> SignOffs = ["Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Regards,", "—"];

    public static readonly IReadOnlyList<string> FirstNames =
        ["Maria", "James", "Aiko", "Oluwaseun", "Priya", "Lukas", "Sofia", "Mateo", "Chen", "Fatima", "Noah", "Ingrid"];

    public static readonly IReadOnlyList<string> LastNames =
        ["Lopez", "Smith", "Tanaka", "Adeyemi", "Sharma", "Becker", "Rossi", "Garcia", "Wei", "Haddad", "Brown", "Larsen"];

    public static readonly IReadOnlyList<string> SmallTalk =
    [
        "I have attached a screenshot.",
        "This started on {date}.",
        "I bought it on {date}.",
        "You can reach me at 555-01{phone}.",
        "This is my second message about this.",
        "Sent from my phone.",
        "I already checked the help center.",
        "My colleague {first} has the same question.",
        "PS: my old ticket number was T-{ticket}.",
    ];

    public static readonly IReadOnlyList<string> Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
}

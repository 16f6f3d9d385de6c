namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>The products tickets may name, spelled as the triage record must report them.</summary>
public static class ProductCatalog
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Nimbus Router X2",
        "Aurora Smart Thermostat",
        "Pulse Fitness Band",
        "Orbit Wireless Earbuds",
        "Vertex Laptop 14",
        "Lumen Desk Lamp",
        "Cascade Coffee Maker",
        "Atlas Cloud Backup",
        "Beacon Security Camera",
        "Quill Notes App",
    ];

    /// <summary>The catalogue name of the product mentioned earliest in the normalised text (any casing), or null.</summary>
    public static string? FindIn(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        return Names
            .Select(name => (Name: name, Index: CueMatcher.IndexOf(normalizedText, name)))
            .Where(found => found.Index >= 0)
            .OrderBy(found => found.Index)
            .Select(found => found.Name)
            .FirstOrDefault();
    }
}

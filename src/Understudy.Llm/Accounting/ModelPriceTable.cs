namespace Understudy.Llm.Accounting;

/// <summary>
/// Prices per model id. A dated or suffixed id (<c>gpt-4o-2024-08-06</c>) takes the price of the longest listed
/// prefix (<c>gpt-4o</c>). <see cref="Default"/> holds list prices of common models; prices change, so override
/// them with a file (<see cref="ModelPriceFile"/>) when it matters.
/// </summary>
public sealed class ModelPriceTable
{
    private readonly Dictionary<string, ModelPrice> _prices;

    public ModelPriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Published list prices (USD per million tokens, standard tier) of common service models.</summary>
    public static ModelPriceTable Default { get; } = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-4o"] = new(2.50m, 10.00m),
        ["gpt-4o-mini"] = new(0.15m, 0.60m),
        ["gpt-4.1"] = new(2.00m, 8.00m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["gpt-4.1-nano"] = new(0.10m, 0.40m),
        ["gpt-4-turbo"] = new(10.00m, 30.00m),
        ["gpt-3.5-turbo"] = new(0.50m, 1.50m),
        ["o1"] = new(15.00m, 60.00m),
        ["o3"] = new(2.00m, 8.00m),
        ["o3-mini"] = new(1.10m, 4.40m),
        ["o4-mini"] = new(1.10m, 4.40m),
        ["claude-3-haiku"] = new(0.25m, 1.25m),
        ["claude-3-5-haiku"] = new(0.80m, 4.00m),
        ["claude-3-5-sonnet"] = new(3.00m, 15.00m),
        ["claude-3-7-sonnet"] = new(3.00m, 15.00m),
        ["claude-sonnet-4"] = new(3.00m, 15.00m),
        ["claude-opus-4"] = new(15.00m, 75.00m),
        ["claude-3-opus"] = new(15.00m, 75.00m),
        ["gemini-1.5-flash"] = new(0.075m, 0.30m),
        ["gemini-1.5-pro"] = new(1.25m, 5.00m),
        ["gemini-2.0-flash"] = new(0.10m, 0.40m),
        ["gemini-2.0-flash-lite"] = new(0.075m, 0.30m),
        ["gemini-2.5-flash"] = new(0.30m, 2.50m),
        ["gemini-2.5-pro"] = new(1.25m, 10.00m),
    });

    /// <summary>The models listed (not counting prefix matches).</summary>
    public IReadOnlyCollection<string> Models => _prices.Keys;

    /// <summary>A table with <paramref name="overrides"/> replacing or adding to these prices.</summary>
    public ModelPriceTable With(IReadOnlyDictionary<string, ModelPrice> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, ModelPrice>(_prices, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in overrides)
        {
            merged[model] = price;
        }

        return new ModelPriceTable(merged);
    }

    /// <summary>The price of <paramref name="model"/>: exact id first, then the longest listed prefix; null if unknown.</summary>
    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        // Provider-qualified ids ("openai/gpt-4o", "models/gemini-2.0-flash") are priced by their last segment.
        var id = model[(model.LastIndexOf('/') + 1)..];
        if (_prices.TryGetValue(id, out var exact))
        {
            return exact;
        }

        return _prices
            .Where(p => id.StartsWith(p.Key + "-", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value)
            .FirstOrDefault();
    }
}

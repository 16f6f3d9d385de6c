using Understudy.Llm.Accounting;

namespace Understudy.Llm.Tests.Accounting;

public sealed class ModelPriceTableTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"understudy-prices-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("gpt-4o-mini", 0.15)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15)]
    [InlineData("gpt-4o-2024-08-06", 2.50)]
    [InlineData("claude-3-5-sonnet-20241022", 3.00)]
    [InlineData("models/gemini-2.0-flash", 0.10)]
    [InlineData("GPT-4O", 2.50)]
    public void Find_matches_exact_ids_then_the_longest_dated_prefix(string model, double inputPerMillion) =>
        Assert.Equal((decimal)inputPerMillion, ModelPriceTable.Default.Find(model)?.InputPerMillion);

    [Theory]
    [InlineData("my-local-model")]
    [InlineData("gpt-4ox")]
    [InlineData("")]
    public void Find_returns_null_for_unknown_models(string model) => Assert.Null(ModelPriceTable.Default.Find(model));

    [Fact]
    public void Cost_is_priced_per_million_tokens()
    {
        var price = new ModelPrice(2.50m, 10.00m);
        Assert.Equal(0.0075m, price.Cost(inputTokens: 1000, outputTokens: 500));
    }

    [Fact]
    public void A_price_file_overrides_and_adds_models()
    {
        File.WriteAllText(_file, "gpt-4o-mini: { input_per_million: 1, output_per_million: 2 }\nmy-finetune:\n  input_per_million: 0.3\n  output_per_million: 1.2\n");

        var table = ModelPriceFile.LoadOver(ModelPriceTable.Default, _file);

        Assert.Equal(new ModelPrice(1m, 2m), table.Find("gpt-4o-mini"));
        Assert.Equal(new ModelPrice(0.3m, 1.2m), table.Find("my-finetune"));
        Assert.Equal(2.50m, table.Find("gpt-4o")?.InputPerMillion);
    }

    [Fact]
    public void A_json_price_file_is_read_too()
    {
        File.WriteAllText(_file, """{"gpt-4o": {"input_per_million": 5, "output_per_million": 15}}""");
        Assert.Equal(new ModelPrice(5m, 15m), ModelPriceFile.LoadOver(ModelPriceTable.Default, _file).Find("gpt-4o"));
    }

    [Fact]
    public void A_bad_price_names_the_file_the_model_and_the_key()
    {
        File.WriteAllText(_file, "gpt-4o: { input_per_million: cheap, output_per_million: 1 }\n");

        var error = Assert.Throws<InvalidDataException>(() => ModelPriceFile.Read(_file));

        Assert.Contains(_file, error.Message);
        Assert.Contains("gpt-4o.input_per_million", error.Message);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        File.WriteAllText(_file, "gpt-4o: { input_per_million: 1 }\n");
        Assert.Contains("output_per_million", Assert.Throws<InvalidDataException>(() => ModelPriceFile.Read(_file)).Message);
    }
}

using Understudy.Core.Prompts;

namespace Understudy.Core.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    // Same structure as LlamaDuo's config/prompts.toml: top-level tables holding a multi-line prompt.
    private const string LlamaDuoStyle = """"
        [eval]
        prompt = """
        Compare the two answers to the instruction.

        Instruction:
        ```
        $instruction
        ```

        Reference: $human_response
        Candidate: $lm_response

        Reply as {"similarity_assessment": {"score": 0}, "precision_assessment": {"score": 0}}
        """

        [synth_data_gen]
        prompt = """
        Write new pairs like this one about $topic.
        Instruction: $instruction
        Response: $response
        """

        [my_custom_judge]
        system = "You are a strict grader of $topic."
        prompt = "Grade: $lm_response"
        """";

    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-prompts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string toml)
    {
        var path = Path.Combine(_folder, "prompts.toml");
        File.WriteAllText(path, toml);
        return path;
    }

    [Fact]
    public void Load_reads_every_table_of_a_llamaduo_prompts_file()
    {
        var library = PromptLibrary.Load(Write(LlamaDuoStyle));

        Assert.Equal(["eval", "synth_data_gen", "my_custom_judge"], library.Names);
        Assert.Equal(["instruction", "human_response", "lm_response"], library.Get(PromptNames.Eval).Placeholders);
        Assert.Equal(["topic", "lm_response"], library.Get("my_custom_judge").Placeholders);
    }

    [Fact]
    public void Eval_template_renders_with_llamaduo_placeholders()
    {
        var eval = PromptLibrary.Parse(LlamaDuoStyle).Get(PromptNames.Eval);

        var text = eval.Render(new Dictionary<string, string>
        {
            [PromptNames.Instruction] = "What is 2+2?",
            [PromptNames.HumanResponse] = "4",
            [PromptNames.LmResponse] = "four",
        });

        Assert.StartsWith("Compare the two answers", text, StringComparison.Ordinal);
        Assert.Contains("```\nWhat is 2+2?\n```", text, StringComparison.Ordinal);
        Assert.Contains("Reference: 4\nCandidate: four", text, StringComparison.Ordinal);
        Assert.Contains("{\"similarity_assessment\": {\"score\": 0}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_names_file_table_and_placeholder_when_a_value_is_missing()
    {
        var path = Write(LlamaDuoStyle);
        var synth = PromptLibrary.Load(path).Get(PromptNames.SynthDataGen);

        var error = Assert.Throws<PromptTemplateException>(() =>
            synth.Render(new Dictionary<string, string> { ["topic"] = "coding", ["instruction"] = "x" }));

        Assert.StartsWith($"{path} [synth_data_gen]: no value for placeholder '$response'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSystem_renders_the_optional_system_template()
    {
        var library = PromptLibrary.Parse(LlamaDuoStyle);
        var values = new Dictionary<string, string> { ["topic"] = "coding", ["lm_response"] = "ok" };

        Assert.Equal("You are a strict grader of coding.", library.Get("my_custom_judge").RenderSystem(values));
        Assert.Null(library.Get("eval").RenderSystem(values));
    }

    [Fact]
    public void EnsureOnly_fails_before_a_run_when_the_template_uses_a_placeholder_the_step_cannot_fill()
    {
        var eval = PromptLibrary.Parse(LlamaDuoStyle, "config/prompts.toml").Get("eval");

        var error = Assert.Throws<PromptTemplateException>(() => eval.EnsureOnly(["instruction", "lm_response"]));

        Assert.Equal("config/prompts.toml [eval]: unknown placeholder '$human_response'; this step provides $instruction, $lm_response", error.Message);
        eval.EnsureOnly(["instruction", "human_response", "lm_response", "topic"]);
    }

    [Fact]
    public void Hash_is_stable_for_the_same_text_and_changes_with_it()
    {
        var one = new PromptTemplate("eval", "Judge $lm_response");
        var same = new PromptTemplate("eval", "Judge $lm_response", source: "elsewhere.toml");
        var other = new PromptTemplate("eval", "Judge  $lm_response");

        Assert.Equal(one.Hash, same.Hash);
        Assert.NotEqual(one.Hash, other.Hash);
        Assert.Equal(16, one.Hash.Length);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "[eval]\nprompt = \"\"\"\nunterminated", "{path} line 3: invalid TOML" },
        { "[eval]\nsystem = \"s\"", "{path} [eval]: missing prompt = \"\"\"...\"\"\"" },
        { "[eval]\nprompts = \"x\"", "{path} [eval]: unknown key 'prompts' (did you mean 'prompt'?)" },
        { "[eval]\nprompt = 5", "{path} [eval]: prompt must be a string, got Int64" },
        { "prompt = \"top level\"", "{path}: 'prompt' must be a table ([prompt]) holding prompt" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Load_explains_what_is_wrong_with_a_file(string toml, string expected)
    {
        var path = Write(toml);
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Load(path));
        Assert.StartsWith(expected.Replace("{path}", path, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_a_missing_file()
    {
        var path = Path.Combine(_folder, "nope.toml");
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Load(path));
        Assert.StartsWith($"{path}: prompt template file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_suggests_the_nearest_table()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Parse(LlamaDuoStyle).Get("evl"));
        Assert.Equal("prompts.toml: no template [evl] (did you mean [eval]?)", error.Message);
    }
}

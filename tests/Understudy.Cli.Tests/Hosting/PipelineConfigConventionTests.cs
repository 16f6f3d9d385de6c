using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;

namespace Understudy.Cli.Tests.Hosting;

/// <summary>The pipelines' config classes follow the config convention, so each can become a command.</summary>
public sealed class PipelineConfigConventionTests
{
    public static TheoryData<Type> PipelineConfigs =>
        [typeof(BatchInferenceConfig), typeof(EvaluationConfig), typeof(SynthConfig), typeof(MergeConfig)];

    [Theory]
    [MemberData(nameof(PipelineConfigs))]
    public void Every_key_becomes_a_unique_described_flag(Type configType)
    {
        var schema = ConfigSchema.For(configType);
        var options = new ConfigOptionSet(schema).Options.ToList();

        Assert.Equal(schema.Keys.Count, options.Count);
        Assert.Equal(options.Count, options.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(options, o => Assert.StartsWith("--", o.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(options, o => o.Name == ConfigCommand.FromConfigName);
        Assert.All(schema.Keys, k => Assert.False(string.IsNullOrWhiteSpace(k.Description), $"{configType.Name}.{k.Property.Name} has no [Description]"));
    }
}

using Understudy.Core.Configuration;
using Understudy.Pipelines.Duo;

namespace Understudy.Pipelines.Tests.Duo;

public sealed class DuoRunIdentityTests
{
    private static EffectiveConfig Effective(int maxIterations, string maxWallTime) => new(
    [
        new EffectiveConfigEntry("name", "triage", ConfigSource.File, null, false),
        new EffectiveConfigEntry("max_iterations", maxIterations, ConfigSource.File, null, false),
        new EffectiveConfigEntry("max_wall_time", TimeSpan.Parse(maxWallTime, System.Globalization.CultureInfo.InvariantCulture), ConfigSource.File, null, false),
    ], null);

    [Fact]
    public void ConfigHashOf_is_the_same_when_only_max_wall_time_changed_so_a_rerun_resumes_the_stopped_run()
    {
        Assert.Equal(DuoRunIdentity.ConfigHashOf(Effective(3, "00:10:00")), DuoRunIdentity.ConfigHashOf(Effective(3, "01:00:00")));
        Assert.NotEqual(Effective(3, "00:10:00").Hash, Effective(3, "01:00:00").Hash);
    }

    [Fact]
    public void ConfigHashOf_changes_when_another_key_changed()
    {
        Assert.NotEqual(DuoRunIdentity.ConfigHashOf(Effective(3, "00:10:00")), DuoRunIdentity.ConfigHashOf(Effective(4, "00:10:00")));
    }
}

using Understudy.Engine.Scheduling;
using Understudy.Server.Errors;

namespace Understudy.Server.Tests.Errors;

public class EngineErrorsTests
{
    [Fact]
    public void A_full_scheduler_queue_is_a_429_with_the_schedulers_retry_after_rounded_up()
    {
        OpenAiException error = EngineErrors.Translate(new SchedulerQueueFullException(4, TimeSpan.FromSeconds(2.2)));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("rate_limit_error", error.Type);
        Assert.Equal("queue_full", error.Code);
        Assert.Equal(3, error.RetryAfterSeconds);
    }

    [Fact]
    public void Engine_rejections_are_400s_and_anything_else_is_a_500_naming_the_failure()
    {
        Assert.Equal(400, EngineErrors.Translate(new ArgumentException("The prompt has 300 tokens")).StatusCode);
        Assert.Equal(400, EngineErrors.Translate(new NotSupportedException("no tools")).StatusCode);
        OpenAiException crash = EngineErrors.Translate(new InvalidOperationException("CUDA out of memory"));
        Assert.Equal(500, crash.StatusCode);
        Assert.Contains("CUDA out of memory", crash.Message);
    }
}

using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Testing;
using static Understudy.Llm.Tests.Failover.UnderstudyFailoverChatClientTests;

namespace Understudy.Llm.Tests.Failover;

public sealed class FailoverTelemetryTests
{
    [Fact]
    public async Task Every_switch_is_counted_and_traced_with_its_reason()
    {
        using var metrics = new MetricRecorder(UnderstudyTelemetry.SourceName);
        using var spans = new ActivityRecorder(UnderstudyTelemetry.SourceName);
        var name = "switch-" + Guid.NewGuid().ToString("N");
        using var client = new UnderstudyFailoverChatClient(Failing(new HttpRequestException("503")), Answering("understudy", "student"),
            new FailoverOptions { Name = name, CircuitBreaker = new CircuitBreakerOptions { ConsecutiveFailureThreshold = 1 }, TimeProvider = new ManualTimeProvider() });
        var ct = TestContext.Current.CancellationToken;

        await client.GetResponseAsync("1", cancellationToken: ct);
        await client.GetResponseAsync("2", cancellationToken: ct);

        var switches = metrics.Of(FailoverInstruments.Switches, FailoverInstruments.NameTag, name);
        Assert.Equal([FailoverInstruments.ErrorReason, FailoverInstruments.CircuitOpenReason],
            switches.Select(m => m.Tags[FailoverInstruments.ReasonTag]));
        var requests = metrics.Of(FailoverInstruments.Requests, FailoverInstruments.NameTag, name);
        Assert.Equal(2, requests.Count(m => Equals(m.Tags[UnderstudyAttributes.Route], FailoverRoutes.Fallback)));
        Assert.Single(requests, m => Equals(m.Tags[UnderstudyAttributes.Route], FailoverRoutes.Primary) && Equals(m.Tags[FailoverInstruments.OutcomeTag], "error"));
        Assert.Contains(metrics.Of(FailoverInstruments.CircuitState, FailoverInstruments.NameTag, name), m => m.Value == (int)CircuitState.Open);

        var requestSpans = spans.Named("understudy.failover");
        Assert.Equal(2, requestSpans.Count);
        Assert.All(requestSpans, s => Assert.Equal(FailoverRoutes.Fallback, s.GetTagItem(UnderstudyAttributes.Route)));
        var first = requestSpans[0];
        var switchEvent = Assert.Single(first.Events, e => e.Name == FailoverInstruments.SwitchEvent);
        Assert.Contains(switchEvent.Tags, t => t.Key == "error.type" && Equals(t.Value, typeof(HttpRequestException).FullName));
        Assert.Contains(first.Events, e => e.Name == FailoverInstruments.CircuitEvent);
    }
}

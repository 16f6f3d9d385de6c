using System.Diagnostics;
using System.Diagnostics.Metrics;
using Understudy.Core.Observability;
using Understudy.Llm.Failover.CircuitBreaking;

namespace Understudy.Llm.Failover;

/// <summary>Records one failover pair's metrics and span events (see <see cref="FailoverInstruments"/>).</summary>
internal sealed class FailoverTelemetry
{
    private static readonly Counter<long> RequestCounter = UnderstudyTelemetry.Meter.CreateCounter<long>(
        FailoverInstruments.Requests, "{request}", "Requests answered per failover route and outcome.");
    private static readonly Counter<long> SwitchCounter = UnderstudyTelemetry.Meter.CreateCounter<long>(
        FailoverInstruments.Switches, "{switch}", "Requests switched from the primary to the fallback.");
    private static readonly Gauge<int> StateGauge = UnderstudyTelemetry.Meter.CreateGauge<int>(
        FailoverInstruments.CircuitState, "{state}", "Circuit state: 0 closed, 1 half-open, 2 open.");
    private static readonly Counter<long> TransitionCounter = UnderstudyTelemetry.Meter.CreateCounter<long>(
        FailoverInstruments.CircuitTransitions, "{transition}", "Circuit breaker transitions.");
    private static readonly Counter<long> ShadowCounter = UnderstudyTelemetry.Meter.CreateCounter<long>(
        FailoverInstruments.ShadowSamples, "{sample}", "Shadow samples per outcome.");

    private readonly KeyValuePair<string, object?> _name;

    public FailoverTelemetry(string name)
    {
        _name = new(FailoverInstruments.NameTag, name);
        StateGauge.Record((int)CircuitState.Closed, _name);
    }

    public Activity? StartRequestSpan(string operation) =>
        UnderstudyTelemetry.ActivitySource.StartActivity($"understudy.failover {operation}", ActivityKind.Internal, default(ActivityContext),
            [_name]);

    public void Answered(Activity? span, string route, bool succeeded)
    {
        RequestCounter.Add(1, _name, new(UnderstudyAttributes.Route, route),
            new(FailoverInstruments.OutcomeTag, succeeded ? "success" : "error"));
        span?.SetTag(UnderstudyAttributes.Route, route);
    }

    public void Switched(Activity? span, string reason, Exception? primaryError)
    {
        SwitchCounter.Add(1, _name, new(FailoverInstruments.ReasonTag, reason));
        var tags = new ActivityTagsCollection
        {
            ["understudy.failover.from"] = FailoverRoutes.Primary,
            ["understudy.failover.to"] = FailoverRoutes.Fallback,
            [FailoverInstruments.ReasonTag] = reason,
        };
        if (primaryError is not null)
        {
            tags["error.type"] = primaryError.GetType().FullName;
            tags["exception.message"] = primaryError.Message;
        }

        span?.AddEvent(new ActivityEvent(FailoverInstruments.SwitchEvent, tags: tags));
    }

    public void CircuitChanged(CircuitStateChange change)
    {
        StateGauge.Record((int)change.To, _name);
        TransitionCounter.Add(1, _name, new("understudy.circuit.from", change.From.ToString()), new("understudy.circuit.to", change.To.ToString()));
        Activity.Current?.AddEvent(new ActivityEvent(FailoverInstruments.CircuitEvent, tags: new ActivityTagsCollection
        {
            ["understudy.circuit.from"] = change.From.ToString(),
            ["understudy.circuit.to"] = change.To.ToString(),
            ["understudy.circuit.reason"] = change.Reason,
        }));
    }

    public void Shadowed(string outcome) => ShadowCounter.Add(1, _name, new(FailoverInstruments.OutcomeTag, outcome));
}

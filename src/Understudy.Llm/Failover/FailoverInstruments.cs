namespace Understudy.Llm.Failover;

/// <summary>Names of the failover metrics (on the <c>Understudy</c> meter), their tags and span events.</summary>
public static class FailoverInstruments
{
    /// <summary>Counter of requests per route and outcome (tags: name, route, outcome = success|error).</summary>
    public const string Requests = "understudy.failover.requests";

    /// <summary>Counter of switches from the primary to the fallback (tags: name, reason = error|timeout|circuit_open).</summary>
    public const string Switches = "understudy.failover.switches";

    /// <summary>Gauge of the circuit state: 0 closed, 1 half-open, 2 open (tag: name).</summary>
    public const string CircuitState = "understudy.failover.circuit.state";

    /// <summary>Counter of circuit transitions (tags: name, from, to).</summary>
    public const string CircuitTransitions = "understudy.failover.circuit.transitions";

    /// <summary>Counter of shadow samples (tags: name, outcome = recorded|fallback_error|recorder_error).</summary>
    public const string ShadowSamples = "understudy.failover.shadow.samples";

    /// <summary>Tag naming the failover pair (<see cref="FailoverOptions.Name"/>).</summary>
    public const string NameTag = "understudy.failover.name";

    /// <summary>Tag of the switch reason.</summary>
    public const string ReasonTag = "understudy.failover.reason";

    /// <summary>Tag of an outcome.</summary>
    public const string OutcomeTag = "understudy.outcome";

    /// <summary>Span event added on every switch to the fallback.</summary>
    public const string SwitchEvent = "understudy.failover.switch";

    /// <summary>Span event added on every circuit transition.</summary>
    public const string CircuitEvent = "understudy.failover.circuit";

    /// <summary>Switch reason: the circuit was open, the primary was not asked.</summary>
    public const string CircuitOpenReason = "circuit_open";

    /// <summary>Switch reason: the primary failed.</summary>
    public const string ErrorReason = "error";

    /// <summary>Switch reason: the primary missed its deadline.</summary>
    public const string TimeoutReason = "timeout";
}

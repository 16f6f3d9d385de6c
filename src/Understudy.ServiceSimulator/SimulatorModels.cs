namespace Understudy.ServiceSimulator;

/// <summary>
/// The model ids the simulator serves. Both are simulators of a computable task, not language models:
/// <see cref="Teacher"/> plays the service LLM (answers, judges, synthesises with the computed truth);
/// <see cref="Student"/> plays an untrained small model that gets fields wrong at a configurable rate.
/// </summary>
public static class SimulatorModels
{
    /// <summary>The service-LLM simulator for ticket triage: answers, judges and synthesises.</summary>
    public const string Teacher = "ticket-triage-simulator";

    /// <summary>The deliberately imperfect student simulator: answers triage prompts only, with mistakes.</summary>
    public const string Student = "ticket-triage-student-simulator";

    /// <summary>Reported as <c>owned_by</c> in <c>/v1/models</c>.</summary>
    public const string Owner = "understudy-service-simulator";

    /// <summary>Reported as <c>system_fingerprint</c>; changes when the task rules change.</summary>
    public const string SystemFingerprint = "understudy-ticket-triage-sim-v1";

    public static readonly IReadOnlyList<string> All = [Teacher, Student];
}

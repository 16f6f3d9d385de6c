namespace Understudy.Server.Hosting;

/// <summary>A snapshot of the engine's load: sequences waiting for a batch slot and sequences in the running batch.</summary>
public readonly record struct EngineLoad(int QueuedSequences, int RunningSequences);

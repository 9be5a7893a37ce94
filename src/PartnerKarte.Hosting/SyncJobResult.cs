using PartnerKarte.Sync;

namespace PartnerKarte.Hosting;

/// <summary>How the hosted sync job ended.</summary>
/// <param name="ExitCode">The exit code (see <see cref="SyncExitCodes"/>).</param>
/// <param name="Report">The run's report; <see langword="null"/> when the run threw (refused by the lease, cancelled, misconfigured).</param>
/// <param name="Error">Why the run failed, without personal data; <see langword="null"/> when it succeeded.</param>
public sealed record SyncJobResult(int ExitCode, SyncReport? Report, string? Error);

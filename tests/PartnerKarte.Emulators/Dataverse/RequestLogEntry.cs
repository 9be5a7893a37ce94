namespace PartnerKarte.Emulators.Dataverse;

/// <summary>One request as the emulator saw it.</summary>
/// <param name="ArrivedAt">When it arrived.</param>
/// <param name="CompletedAt">When the response was ready.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query.</param>
/// <param name="Kind">Kind of call.</param>
/// <param name="Status">Status code sent.</param>
/// <param name="RetryAfter">Retry-After sent with a 429, if any.</param>
/// <param name="BatchOperations">Number of operations in a $batch.</param>
/// <param name="BeforeRetryAfter">Arrived while an earlier 429's Retry-After had not yet passed.</param>
public sealed record RequestLogEntry(
    DateTimeOffset ArrivedAt,
    DateTimeOffset CompletedAt,
    string Method,
    string PathAndQuery,
    RequestKind Kind,
    int Status,
    TimeSpan? RetryAfter,
    int BatchOperations,
    bool BeforeRetryAfter);

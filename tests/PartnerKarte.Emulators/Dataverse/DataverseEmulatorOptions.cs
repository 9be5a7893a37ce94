namespace PartnerKarte.Emulators.Dataverse;

/// <summary>How an emulated environment is set up.</summary>
public sealed class DataverseEmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Tenant in the token URL.</summary>
    public string TenantId { get; init; } = "00000000-0000-4000-8000-0000000000aa";

    /// <summary>The registered application (client id).</summary>
    public string ClientId { get; init; } = "11111111-2222-4333-8444-555555555555";

    /// <summary>The application's secret.</summary>
    public string ClientSecret { get; init; } = "emulator-secret";

    /// <summary>Lifetime of issued tokens.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>The value sent in <c>x-ms-dop-hint</c>.</summary>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>Seed of the fault-injection random generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Service protection limits (off by default).</summary>
    public ServiceProtectionOptions ServiceProtection { get; init; } = new();

    /// <summary>How long a change-tracking delta token stays valid (Dataverse: Organization.ExpireChangeTrackingInDays, default 7 days).</summary>
    public TimeSpan DeltaTokenLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Clock for timestamps, windows and token expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

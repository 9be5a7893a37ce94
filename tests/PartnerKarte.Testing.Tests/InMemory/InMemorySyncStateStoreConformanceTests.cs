using PartnerKarte.Sync;
using PartnerKarte.Testing.Conformance;

namespace PartnerKarte.Testing.Tests.InMemory;

/// <summary>The shared sync-state store conformance suite against the in-memory store.</summary>
public sealed class InMemorySyncStateStoreConformanceTests : SyncStateStoreConformanceTests
{
    protected override Task<ISyncStateStore> CreateStoreAsync() => Task.FromResult<ISyncStateStore>(new InMemorySyncStateStore());
}

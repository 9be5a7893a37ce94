namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>The test classes sharing one throw-away PostgreSQL server (each test uses a schema of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlTestServer>
{
    public const string Name = "postgres";
}

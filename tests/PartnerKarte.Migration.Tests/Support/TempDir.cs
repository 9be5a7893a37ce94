using PartnerKarte.Connectors.Sqlite;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>A fresh temporary folder for store files, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("pk-migration-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public SqliteKarteConnector Store(string name, int pageSize = 5000, int writeBatchSize = 2000) =>
        new(new SqliteStoreOptions { Path = File(name), PageSize = pageSize, WriteBatchSize = writeBatchSize });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS cleans the temp folder.
        }
    }
}

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>A store file in a fresh temporary folder, deleted with the folder.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pk-sqlite-").FullName;
        Path = System.IO.Path.Combine(Directory, "partnerkarte.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteStoreOptions Options => new() { Path = Path, PageSize = 4, WriteBatchSize = 50 };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is cleaned by the OS.
        }
    }
}

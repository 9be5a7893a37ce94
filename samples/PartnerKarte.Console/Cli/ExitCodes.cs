namespace PartnerKarte.Console.Cli;

/// <summary>The console's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>The work ran but some records failed (see the failure ledger), or a step is not available.</summary>
    public const int PartialFailure = 1;

    /// <summary>Bad input or configuration: nothing (more) was done.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The environment failed: a file or folder cannot be written, the disk is full, the store is locked by another
    /// process or damaged on disk. The message names the file; what was committed stays committed; rerun once fixed.
    /// </summary>
    public const int Environment = 3;

    /// <summary>Cancelled (Ctrl+C, SIGTERM): committed batches stay committed and the next run resumes (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Another sync is running on the same state (it holds the run lease): this run did nothing; run it again later.</summary>
    public const int AlreadyRunning = 4;
}

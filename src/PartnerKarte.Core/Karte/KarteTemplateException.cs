using PartnerKarte.Validation;

namespace PartnerKarte.Karte;

/// <summary>
/// A karte template (a JSON file or items built in code) is not usable. <see cref="Problems"/> lists every
/// problem found, each naming the JSON path (e.g. <c>$.items[3].type</c>) and the item key.
/// </summary>
public sealed class KarteTemplateException : PartnerKarteException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="source">Where the template came from (a file name, or the template name).</param>
    /// <param name="problems">The problems; at least one.</param>
    public KarteTemplateException(string source, IReadOnlyList<ValidationProblem> problems)
        : base(BuildMessage(source, problems))
    {
        TemplateSource = source;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public KarteTemplateException()
        : this("template", [])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public KarteTemplateException(string message)
        : base(message)
    {
        TemplateSource = "template";
        Problems = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KarteTemplateException(string message, Exception? innerException)
        : base(message, innerException)
    {
        TemplateSource = "template";
        Problems = [];
    }

    /// <summary>Where the template came from.</summary>
    public string TemplateSource { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string BuildMessage(string source, IReadOnlyList<ValidationProblem> problems)
    {
        const int Shown = 10;
        var lines = problems.Take(Shown).Select(p => $"  {p.Field}: {p.Reason}");
        var more = problems.Count > Shown ? $"{Environment.NewLine}  … and {problems.Count - Shown} more" : string.Empty;
        return $"Karte template '{source}' is invalid ({problems.Count} problem(s)):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}

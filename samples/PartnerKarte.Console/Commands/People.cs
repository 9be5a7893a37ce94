using System.Text.RegularExpressions;
using PartnerKarte.Karte;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// Names of our team for output: an owner id such as <c>U-04</c> is shown as the member's name from the roster (the
/// store's, or the CRM's users). Ids stay in <c>--json</c> output next to the names.
/// </summary>
internal sealed class People
{
    private readonly Dictionary<string, string> _names;
    private readonly Regex? _ids;

    public People(IEnumerable<TeamMember> members)
    {
        _names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            if (!string.IsNullOrWhiteSpace(m.Name) && !string.Equals(m.Name, m.Id.Value, StringComparison.Ordinal))
            {
                _names.TryAdd(m.Id.Value, m.Name);
            }
        }

        // Longest id first, bounded so that U-1 never matches inside U-10 or R-U-1.
        _ids = _names.Count == 0 ? null : new Regex(
            @"(?<![\w\-@.:])(" + string.Join('|', _names.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\w\-@:])",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static People Of(KarteDataSet data) => new(data.TeamMembers);

    /// <summary>The member's name, or the id when the roster does not know it (— for none).</summary>
    public string Name(UserId? id) => id is not { } u ? "—" : _names.GetValueOrDefault(u.Value, u.Value);

    /// <summary>The member's name with the id beside it (for choices the user types back, such as <c>handover --to</c>).</summary>
    public string NameAndId(UserId id) => _names.TryGetValue(id.Value, out var n) ? $"{n}（{id.Value}）" : id.Value;

    /// <summary>A text (e.g. a handover operation or issue) with every member id replaced by the member's name.</summary>
    public string Humanize(string text) => _ids is null || string.IsNullOrEmpty(text) ? text : _ids.Replace(text, m => _names[m.Value]);
}

using System.Text;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>RFC 4180 CSV as Bulk API 2.0 uses it (comma, LF or CRLF, double-quote escaping).</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text, char delimiter = ',')
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                quoted = true;
                any = true;
            }
            else if (c == delimiter)
            {
                row.Add(cell.ToString());
                cell.Clear();
                any = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (any || cell.Length > 0)
                {
                    row.Add(cell.ToString());
                    rows.Add([.. row]);
                }

                row.Clear();
                cell.Clear();
                any = false;
            }
            else
            {
                cell.Append(c);
                any = true;
            }
        }

        if (any || cell.Length > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    public static string Line(IEnumerable<string?> cells, bool quoteAll = false) =>
        string.Join(',', cells.Select(c => Quote(c ?? string.Empty, quoteAll))) + "\n";

    private static string Quote(string value, bool always) =>
        always || value.AsSpan().IndexOfAny("\",\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

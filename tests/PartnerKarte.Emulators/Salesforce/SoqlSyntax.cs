using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerKarte.Emulators.Salesforce;

internal enum SoqlTokenKind
{
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Symbol,
    End,
}

internal sealed record SoqlToken(SoqlTokenKind Kind, string Text, object? Value, int Position, string? RawString = null);

/// <summary>A field path such as <c>Account.Name</c>.</summary>
internal sealed record SoqlPath(IReadOnlyList<string> Segments)
{
    public override string ToString() => string.Join('.', Segments);
}

internal abstract record SoqlCondition;

internal sealed record SoqlComparison(SoqlPath Field, string Operator, object? Value) : SoqlCondition;

internal sealed record SoqlIn(SoqlPath Field, bool Negated, IReadOnlyList<object?> Values) : SoqlCondition
{
    /// <summary>For all-text lists: the values (and the 18-character form of 15-character ids), case-insensitive.</summary>
    public HashSet<string>? TextSet { get; } = Values.All(v => v is string)
        ? new HashSet<string>(Values.Cast<string>().SelectMany(v => SalesforceIds.IsWellFormed(v) && v.Length == 15 ? new[] { v, SalesforceIds.To18(v) } : new[] { v }), StringComparer.OrdinalIgnoreCase)
        : null;
}

internal sealed record SoqlLike(SoqlPath Field, bool Negated, string Pattern, Regex Regex) : SoqlCondition;

internal sealed record SoqlAnd(SoqlCondition Left, SoqlCondition Right) : SoqlCondition;

internal sealed record SoqlOr(SoqlCondition Left, SoqlCondition Right) : SoqlCondition;

internal sealed record SoqlNot(SoqlCondition Inner) : SoqlCondition;

internal sealed record SoqlOrder(SoqlPath Field, bool Descending, bool NullsLast);

internal static partial class SoqlLexer
{
    public static List<SoqlToken> Tokenize(string text)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '\'')
            {
                var (value, raw, end) = ReadString(text, i);
                tokens.Add(new SoqlToken(SoqlTokenKind.String, text[start..end], value, start, raw));
                i = end;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var m = DateTimePattern().Match(text, i);
                if (m.Success && m.Index == i)
                {
                    if (!SalesforceValues.TryParseDateTime(m.Value, out var dt))
                    {
                        throw Malformed(text, i, $"invalid date time: {m.Value}");
                    }

                    tokens.Add(new SoqlToken(SoqlTokenKind.DateTime, m.Value, dt, start));
                    i += m.Length;
                    continue;
                }

                m = DatePattern().Match(text, i);
                if (m.Success && m.Index == i)
                {
                    if (!DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    {
                        throw Malformed(text, i, $"invalid date: {m.Value}");
                    }

                    tokens.Add(new SoqlToken(SoqlTokenKind.Date, m.Value, d, start));
                    i += m.Length;
                    continue;
                }

                m = NumberPattern().Match(text, i);
                tokens.Add(new SoqlToken(SoqlTokenKind.Number, m.Value, decimal.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture), start));
                i += m.Length;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or ':'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Identifier, text[start..i], null, start));
                continue;
            }

            string? symbol = c switch
            {
                '(' or ')' or ',' or '=' => c.ToString(),
                '!' when Peek(text, i + 1) == '=' => "!=",
                '<' when Peek(text, i + 1) == '=' => "<=",
                '<' when Peek(text, i + 1) == '>' => "!=",
                '<' => "<",
                '>' when Peek(text, i + 1) == '=' => ">=",
                '>' => ">",
                _ => null,
            };
            if (symbol is null)
            {
                throw Malformed(text, i, $"unexpected token: '{c}'");
            }

            i += symbol.Length == 2 ? 2 : 1;
            tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, symbol, null, start));
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, "<EOF>", null, text.Length));
        return tokens;
    }

    public static SoqlException Malformed(string text, int position, string message)
    {
        // Salesforce echoes the statement with a caret and "ERROR at Row:R:Column:C".
        var row = 1 + text.AsSpan(0, Math.Min(position, text.Length)).Count('\n');
        var column = position - text.LastIndexOf('\n', Math.Max(0, Math.Min(position, text.Length) - 1));
        return new SoqlException("MALFORMED_QUERY", $"{text}\n^\nERROR at Row:{row}:Column:{column}\n{message}");
    }

    private static char Peek(string text, int i) => i < text.Length ? text[i] : '\0';

    private static (string Value, string Raw, int End) ReadString(string text, int start)
    {
        var sb = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                return (sb.ToString(), text[(start + 1)..i], i + 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                break;
            }

            var e = text[i + 1];
            switch (e)
            {
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 'n' or 'N': sb.Append('\n'); break;
                case 'r' or 'R': sb.Append('\r'); break;
                case 't' or 'T': sb.Append('\t'); break;
                case 'b' or 'B': sb.Append('\b'); break;
                case 'f' or 'F': sb.Append('\f'); break;
                case '_': sb.Append('_'); break;
                case '%': sb.Append('%'); break;
                case 'u' when i + 5 < text.Length && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw Malformed(text, i, "Invalid string literal: illegal escape sequence");
            }

            i += 2;
        }

        throw Malformed(text, start, "unterminated string literal");
    }

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:?\d{2})")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(?![\d:T])")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}

using System.Text;
using System.Text.RegularExpressions;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>A parsed SOQL statement of the subset the emulator supports.</summary>
public sealed class SoqlQuery
{
    private SoqlQuery(string text)
    {
        Text = text;
    }

    /// <summary>The statement as received.</summary>
    public string Text { get; }

    /// <summary>The object queried (as written).</summary>
    public string ObjectName { get; private set; } = string.Empty;

    /// <summary>Whether this is <c>SELECT COUNT()</c>.</summary>
    public bool IsCount { get; private set; }

    /// <summary>Selected field paths in order, such as <c>Account.Name</c>.</summary>
    public IReadOnlyList<string> Fields => SelectPaths.Select(p => p.ToString()).ToList();

    /// <summary>The LIMIT, if any.</summary>
    public int? Limit { get; private set; }

    /// <summary>The OFFSET, if any.</summary>
    public int? Offset { get; private set; }

    /// <summary>Every literal of the WHERE clause in source order, as the emulator understood it (LIKE patterns unescaped).</summary>
    public IReadOnlyList<object?> Literals { get; private set; } = [];

    internal List<SoqlPath> SelectPaths { get; } = [];

    internal SoqlCondition? Where { get; private set; }

    internal List<SoqlOrder> OrderBy { get; } = [];

    /// <summary>Parses a statement.</summary>
    /// <param name="text">The SOQL text.</param>
    /// <returns>The parsed query.</returns>
    /// <exception cref="SoqlException">The statement is outside the subset or malformed.</exception>
    public static SoqlQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = new SoqlQuery(text);
        new Parser(text, SoqlLexer.Tokenize(text), query).Run();
        return query;
    }

    private sealed class Parser(string text, List<SoqlToken> tokens, SoqlQuery query)
    {
        private readonly List<object?> _literals = [];
        private int _pos;

        private SoqlToken Current => tokens[_pos];

        public void Run()
        {
            Expect("SELECT");
            if (IsKeyword("COUNT") && tokens[_pos + 1].Text == "(")
            {
                _pos++;
                ExpectSymbol("(");
                ExpectSymbol(")");
                query.IsCount = true;
            }
            else
            {
                do
                {
                    if (Current.Text == "(")
                    {
                        throw Error("parent-to-child subqueries are not supported by the emulator");
                    }

                    query.SelectPaths.Add(ReadPath());
                }
                while (TrySymbol(","));
            }

            Expect("FROM");
            if (Current.Kind != SoqlTokenKind.Identifier || Current.Text.Contains('.', StringComparison.Ordinal))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            query.ObjectName = Current.Text;
            _pos++;
            if (TryKeyword("WHERE"))
            {
                query.Where = ParseOr();
            }

            if (TryKeyword("ORDER"))
            {
                Expect("BY");
                do
                {
                    var path = ReadPath();
                    var desc = false;
                    if (TryKeyword("DESC"))
                    {
                        desc = true;
                    }
                    else
                    {
                        TryKeyword("ASC");
                    }

                    var nullsLast = desc;
                    if (TryKeyword("NULLS"))
                    {
                        nullsLast = TryKeyword("LAST");
                        if (!nullsLast)
                        {
                            Expect("FIRST");
                        }
                    }

                    query.OrderBy.Add(new SoqlOrder(path, desc, nullsLast));
                }
                while (TrySymbol(","));
            }

            if (TryKeyword("LIMIT"))
            {
                query.Limit = ReadInt();
            }

            if (TryKeyword("OFFSET"))
            {
                query.Offset = ReadInt();
            }

            if (Current.Kind != SoqlTokenKind.End)
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            query.Literals = _literals;
        }

        private SoqlCondition ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("OR"))
            {
                left = new SoqlOr(left, ParseAnd());
            }

            return left;
        }

        private SoqlCondition ParseAnd()
        {
            var left = ParseNot();
            while (TryKeyword("AND"))
            {
                left = new SoqlAnd(left, ParseNot());
            }

            return left;
        }

        private SoqlCondition ParseNot()
        {
            if (TryKeyword("NOT"))
            {
                return new SoqlNot(ParseNot());
            }

            if (TrySymbol("("))
            {
                var inner = ParseOr();
                ExpectSymbol(")");
                return inner;
            }

            var field = ReadPath();
            var negated = TryKeyword("NOT");
            if (TryKeyword("IN"))
            {
                ExpectSymbol("(");
                var values = new List<object?>();
                do
                {
                    values.Add(ReadLiteral());
                }
                while (TrySymbol(","));
                ExpectSymbol(")");
                return new SoqlIn(field, negated, values);
            }

            if (TryKeyword("LIKE"))
            {
                if (Current.Kind != SoqlTokenKind.String)
                {
                    throw Error("LIKE needs a string literal");
                }

                var raw = Current.RawString!;
                _literals.Add(Current.Value);
                _pos++;
                return new SoqlLike(field, negated, raw, LikeToRegex(raw));
            }

            if (negated)
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            if (Current.Kind != SoqlTokenKind.Symbol || Current.Text is "(" or ")" or ",")
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            var op = Current.Text;
            _pos++;
            return new SoqlComparison(field, op, ReadLiteral());
        }

        private object? ReadLiteral()
        {
            var token = Current;
            _pos++;
            object? value;
            switch (token.Kind)
            {
                case SoqlTokenKind.String:
                case SoqlTokenKind.Number:
                case SoqlTokenKind.Date:
                case SoqlTokenKind.DateTime:
                    value = token.Value;
                    break;
                case SoqlTokenKind.Identifier when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase):
                    value = null;
                    break;
                case SoqlTokenKind.Identifier when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase):
                    value = true;
                    break;
                case SoqlTokenKind.Identifier when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase):
                    value = false;
                    break;
                case SoqlTokenKind.Identifier when RelativeDate(token.Text) is { } range:
                    value = range;
                    break;
                default:
                    _pos--;
                    throw Error($"unexpected token: '{token.Text}'");
            }

            _literals.Add(value);
            return value;
        }

        private static SoqlDateRange? RelativeDate(string text)
        {
            var upper = text.ToUpperInvariant();
            if (upper is "TODAY")
            {
                return new SoqlDateRange(0, 0);
            }

            if (upper is "YESTERDAY")
            {
                return new SoqlDateRange(-1, -1);
            }

            if (upper.StartsWith("LAST_N_DAYS:", StringComparison.Ordinal) && int.TryParse(upper.AsSpan(12), out var n))
            {
                return new SoqlDateRange(-n, 0);
            }

            return null;
        }

        private SoqlPath ReadPath()
        {
            if (Current.Kind != SoqlTokenKind.Identifier || IsReserved(Current.Text))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            var path = new SoqlPath(Current.Text.Split('.'));
            if (path.Segments.Any(s => s.Length == 0))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            _pos++;
            return path;
        }

        private int ReadInt()
        {
            if (Current.Kind != SoqlTokenKind.Number || Current.Value is not decimal d || d < 0 || d != decimal.Truncate(d))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }

            _pos++;
            return (int)d;
        }

        private static bool IsReserved(string text) => text.ToUpperInvariant() is "SELECT" or "FROM" or "WHERE" or "AND" or "OR" or "NOT"
            or "IN" or "LIKE" or "ORDER" or "BY" or "LIMIT" or "OFFSET" or "NULL" or "TRUE" or "FALSE" or "ASC" or "DESC";

        private bool IsKeyword(string keyword) =>
            Current.Kind == SoqlTokenKind.Identifier && Current.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        private bool TryKeyword(string keyword)
        {
            if (!IsKeyword(keyword))
            {
                return false;
            }

            _pos++;
            return true;
        }

        private void Expect(string keyword)
        {
            if (!TryKeyword(keyword))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }
        }

        private bool TrySymbol(string symbol)
        {
            if (Current.Kind != SoqlTokenKind.Symbol || Current.Text != symbol)
            {
                return false;
            }

            _pos++;
            return true;
        }

        private void ExpectSymbol(string symbol)
        {
            if (!TrySymbol(symbol))
            {
                throw Error($"unexpected token: '{Current.Text}'");
            }
        }

        private SoqlException Error(string message) => SoqlLexer.Malformed(text, Current.Position + 1, message);
    }

    private static Regex LikeToRegex(string raw)
    {
        // The raw literal still holds its escapes: \% and \_ are literal characters, bare % and _ are wildcards.
        var sb = new StringBuilder("^");
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                var e = raw[++i];
                var literal = e switch
                {
                    'n' or 'N' => '\n',
                    'r' or 'R' => '\r',
                    't' or 'T' => '\t',
                    'b' or 'B' => '\b',
                    'f' or 'F' => '\f',
                    _ => e,
                };
                if (e is 'u' or 'U' && i + 4 < raw.Length)
                {
                    literal = (char)Convert.ToInt32(raw.Substring(i + 1, 4), 16);
                    i += 4;
                }

                sb.Append(Regex.Escape(literal.ToString()));
            }
            else if (c == '%')
            {
                sb.Append("[\\s\\S]*");
            }
            else if (c == '_')
            {
                sb.Append("[\\s\\S]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

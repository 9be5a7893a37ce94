using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Parses the <c>$filter</c> subset Dataverse supports and evaluates it against rows.</summary>
public static partial class ODataFilter
{
    private static readonly string[] ComparisonOperators = ["eq", "ne", "gt", "ge", "lt", "le"];
    private static readonly string[] Functions = ["contains", "startswith", "endswith"];

    [GeneratedRegex(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])")]
    private static partial Regex GuidToken();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex DateTimeToken();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(?![0-9T])")]
    private static partial Regex DateToken();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?(?![0-9A-Za-z_])")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"\G[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*")]
    private static partial Regex IdentifierToken();

    /// <summary>Parses filter text.</summary>
    /// <exception cref="ODataSyntaxException">The text is not a valid filter.</exception>
    public static FilterNode Parse(string text)
    {
        var tokens = Tokenize(text);
        var p = new Parser(tokens, text);
        var node = p.ParseOr();
        if (!p.AtEnd)
        {
            throw new ODataSyntaxException($"Syntax error at position {p.Position} in '{text}'.");
        }

        return node;
    }

    /// <summary>All property paths the filter mentions.</summary>
    public static IEnumerable<string> Properties(FilterNode node) => node switch
    {
        BinaryFilter b => Properties(b.Left).Concat(Properties(b.Right)),
        NotFilter n => Properties(n.Operand),
        FunctionFilter f => f.Arguments.SelectMany(Properties),
        PropertyFilter p => [p.Path],
        _ => [],
    };

    /// <summary>Evaluates the filter for one row.</summary>
    /// <param name="node">The parsed filter.</param>
    /// <param name="resolve">Returns a property's value as string, decimal, bool or null.</param>
    public static bool Matches(FilterNode node, Func<string, object?> resolve) => Evaluate(node, resolve) is true;

    private static object? Evaluate(FilterNode node, Func<string, object?> resolve)
    {
        switch (node)
        {
            case LiteralFilter l:
                return l.Value;
            case PropertyFilter p:
                return resolve(p.Path);
            case NotFilter n:
                return Evaluate(n.Operand, resolve) is not true;
            case FunctionFilter f:
                {
                    var a = Evaluate(f.Arguments[0], resolve) as string;
                    var b = Evaluate(f.Arguments[1], resolve) as string;
                    if (a is null || b is null)
                    {
                        return false;
                    }

                    return f.Name switch
                    {
                        "contains" => a.Contains(b, StringComparison.OrdinalIgnoreCase),
                        "startswith" => a.StartsWith(b, StringComparison.OrdinalIgnoreCase),
                        _ => a.EndsWith(b, StringComparison.OrdinalIgnoreCase),
                    };
                }

            case BinaryFilter { Operator: "and" } b:
                return Evaluate(b.Left, resolve) is true && Evaluate(b.Right, resolve) is true;
            case BinaryFilter { Operator: "or" } b:
                return Evaluate(b.Left, resolve) is true || Evaluate(b.Right, resolve) is true;
            case BinaryFilter b:
                return CompareOp(b.Operator, Evaluate(b.Left, resolve), Evaluate(b.Right, resolve));
            default:
                return null;
        }
    }

    private static bool CompareOp(string op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            var bothNull = left is null && right is null;
            return op switch { "eq" => bothNull, "ne" => !bothNull, _ => false };
        }

        var c = Compare(left, right);
        return op switch
        {
            "eq" => c == 0,
            "ne" => c != 0,
            "gt" => c > 0,
            "ge" => c >= 0,
            "lt" => c < 0,
            _ => c <= 0,
        };
    }

    /// <summary>Compares two values, converting strings to the other side's type (GUIDs and dates travel as strings).</summary>
    public static int Compare(object left, object right)
    {
        switch (left, right)
        {
            case (string a, string b):
                return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
            case (Guid a, _):
                return a.CompareTo(ToGuid(right));
            case (_, Guid b):
                return ToGuid(left).CompareTo(b);
            case (DateTimeOffset a, _):
                return a.CompareTo(ToDate(right));
            case (_, DateTimeOffset b):
                return ToDate(left).CompareTo(b);
            case (DateOnly a, _):
                return a.CompareTo(DateOnly.FromDateTime(ToDate(right).UtcDateTime));
            case (_, DateOnly b):
                return DateOnly.FromDateTime(ToDate(left).UtcDateTime).CompareTo(b);
            case (bool a, bool b):
                return a.CompareTo(b);
            default:
                if (IsNumber(left) && IsNumber(right))
                {
                    return Convert.ToDecimal(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture));
                }

                throw new ODataSyntaxException($"A binary operator with incompatible types was detected. Found operand types '{left.GetType().Name}' and '{right.GetType().Name}'.");
        }
    }

    private static bool IsNumber(object o) => o is decimal or double or int or long;

    private static Guid ToGuid(object o) => o switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => throw new ODataSyntaxException($"Cannot compare '{o}' with a Guid."),
    };

    private static DateTimeOffset ToDate(object o) => o switch
    {
        DateTimeOffset d => d,
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => throw new ODataSyntaxException($"Cannot compare '{o}' with a date."),
    };

    private readonly record struct Token(char Kind, string Text, object? Value, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
                continue;
            }

            if (ch is '(' or ')' or ',')
            {
                tokens.Add(new Token(ch, ch.ToString(), null, i));
                i++;
                continue;
            }

            if (ch == '\'')
            {
                var start = i;
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ODataSyntaxException($"There is an unterminated literal at position {start} in '{text}'.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token('L', text[start..i], sb.ToString(), start));
                continue;
            }

            Match m;
            if ((m = GuidToken().Match(text, i)).Success)
            {
                tokens.Add(new Token('L', m.Value, Guid.Parse(m.Value), i));
            }
            else if ((m = DateTimeToken().Match(text, i)).Success)
            {
                tokens.Add(new Token('L', m.Value, DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture), i));
            }
            else if ((m = DateToken().Match(text, i)).Success)
            {
                tokens.Add(new Token('L', m.Value, DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), i));
            }
            else if ((m = NumberToken().Match(text, i)).Success)
            {
                var n = m.Value.TrimEnd('m', 'M', 'd', 'D', 'l', 'L', 'f', 'F');
                object value = decimal.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec)
                    ? dec
                    : double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture);
                tokens.Add(new Token('L', m.Value, value, i));
            }
            else if ((m = IdentifierToken().Match(text, i)).Success)
            {
                var word = m.Value;
                switch (word)
                {
                    case "true": tokens.Add(new Token('L', word, true, i)); break;
                    case "false": tokens.Add(new Token('L', word, false, i)); break;
                    case "null": tokens.Add(new Token('L', word, null, i)); break;
                    default: tokens.Add(new Token('I', word, null, i)); break;
                }
            }
            else
            {
                throw new ODataSyntaxException($"Syntax error: character '{ch}' is not valid at position {i} in '{text}'.");
            }

            i += m.Length;
        }

        return tokens;
    }

    private sealed class Parser(List<Token> tokens, string text)
    {
        private int _index;

        public bool AtEnd => _index >= tokens.Count;

        public int Position => AtEnd ? text.Length : tokens[_index].Position;

        public FilterNode ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                _index++;
                left = new BinaryFilter("or", left, ParseAnd());
            }

            return left;
        }

        private FilterNode ParseAnd()
        {
            var left = ParseUnary();
            while (IsWord("and"))
            {
                _index++;
                left = new BinaryFilter("and", left, ParseUnary());
            }

            return left;
        }

        private FilterNode ParseUnary()
        {
            if (IsWord("not"))
            {
                _index++;
                return new NotFilter(ParseUnary());
            }

            var left = ParsePrimary();
            if (!AtEnd && tokens[_index].Kind == 'I' && ComparisonOperators.Contains(tokens[_index].Text))
            {
                var op = tokens[_index++].Text;
                return new BinaryFilter(op, left, ParsePrimary());
            }

            return left;
        }

        private FilterNode ParsePrimary()
        {
            if (AtEnd)
            {
                throw new ODataSyntaxException($"Expression expected at position {text.Length} in '{text}'.");
            }

            var t = tokens[_index++];
            switch (t.Kind)
            {
                case '(':
                    {
                        var inner = ParseOr();
                        Expect(')');
                        return inner;
                    }

                case 'L':
                    return new LiteralFilter(t.Value);
                case 'I' when !AtEnd && tokens[_index].Kind == '(':
                    {
                        if (!Functions.Contains(t.Text))
                        {
                            throw new ODataSyntaxException($"An unknown function with name '{t.Text}' was found.");
                        }

                        _index++;
                        var args = new List<FilterNode> { ParseOr() };
                        while (!AtEnd && tokens[_index].Kind == ',')
                        {
                            _index++;
                            args.Add(ParseOr());
                        }

                        Expect(')');
                        if (args.Count != 2)
                        {
                            throw new ODataSyntaxException($"The function '{t.Text}' takes two arguments.");
                        }

                        return new FunctionFilter(t.Text, args);
                    }

                case 'I':
                    return new PropertyFilter(t.Text);
                default:
                    throw new ODataSyntaxException($"Syntax error at position {t.Position} in '{text}'.");
            }
        }

        private void Expect(char kind)
        {
            if (AtEnd || tokens[_index].Kind != kind)
            {
                throw new ODataSyntaxException($"')' or ',' expected at position {Position} in '{text}'.");
            }

            _index++;
        }

        private bool IsWord(string word) => !AtEnd && tokens[_index].Kind == 'I' && tokens[_index].Text == word;
    }
}

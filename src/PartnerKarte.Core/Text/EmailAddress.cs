using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartnerKarte.Text;

/// <summary>
/// An email address in canonical form: trimmed, NFKC (full-width ＠ and letters become ASCII), a
/// <c>mailto:</c> prefix or angle brackets removed, the domain lower-cased (internationalised domains in
/// their ASCII form). The local part keeps its case, as mail servers may distinguish it; compare with
/// <see cref="MatchKey"/> when matching people.
/// </summary>
public sealed record EmailAddress
{
    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = localPart + "@" + domain;
    }

    /// <summary>The address, e.g. <c>Taro.Yamada@example.co.jp</c>.</summary>
    public string Value { get; }

    /// <summary>The part before the @.</summary>
    public string LocalPart { get; }

    /// <summary>The domain, lower case, e.g. <c>example.co.jp</c>.</summary>
    public string Domain { get; }

    /// <summary>Whether the domain is a free or mobile-carrier mail service (gmail.com, yahoo.co.jp,
    /// docomo.ne.jp …), which says nothing about the company a person works for.</summary>
    public bool IsFreeMail => FreeMailDomains.Contains(Domain);

    /// <summary>The whole address in lower case, for matching.</summary>
    public string MatchKey => Value.ToLowerInvariant();

    /// <summary>Parses an email address as typed.</summary>
    /// <param name="text">The address as typed, or <see langword="null"/>.</param>
    /// <param name="email">The address, when it is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid address.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? email)
    {
        email = Analyze(text, out _);
        return email is not null;
    }

    /// <summary>Parses an email address as typed, saying why when it is not valid.</summary>
    /// <param name="text">The address as typed, or <see langword="null"/>.</param>
    /// <param name="reason">Why the address was refused (never contains the address), or <see langword="null"/>.</param>
    /// <returns>The address, or <see langword="null"/> when it is not valid.</returns>
    public static EmailAddress? Parse(string? text, out string? reason) => Analyze(text, out reason);

    /// <summary>The canonical form of an address as typed, or <see langword="null"/> when it is not valid.</summary>
    /// <param name="text">The address as typed.</param>
    /// <returns>The canonical address.</returns>
    public static string? Normalize(string? text) => Analyze(text, out _)?.Value;

    /// <inheritdoc />
    public override string ToString() => Value;

    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "yahoo.co.jp", "ymail.ne.jp", "yahoo.com", "hotmail.com", "hotmail.co.jp",
        "outlook.com", "outlook.jp", "live.jp", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp", "disney.ne.jp", "ymobile.ne.jp",
        "rakuten.jp", "nifty.com", "biglobe.ne.jp", "so-net.ne.jp", "ocn.ne.jp", "excite.co.jp", "goo.jp", "proton.me", "protonmail.com",
    };

    private static EmailAddress? Analyze(string? text, out string? reason)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "email is empty";
            return null;
        }

        var s = JapaneseText.Normalize(text);
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..].Trim();
        }

        if (s.Length > 2 && s[0] == '<' && s[^1] == '>')
        {
            s = s[1..^1].Trim();
        }

        if (s.Length > 254)
        {
            reason = "email is longer than 254 characters";
            return null;
        }

        var at = s.LastIndexOf('@');
        if (at < 0)
        {
            reason = "email has no @";
            return null;
        }

        if (s.IndexOf('@') != at)
        {
            reason = "email has more than one @";
            return null;
        }

        var local = s[..at];
        var domain = s[(at + 1)..];
        reason = CheckLocal(local) ?? CheckDomain(ref domain);
        return reason is null ? new EmailAddress(local, domain) : null;
    }

    private static string? CheckLocal(string local)
    {
        if (local.Length == 0)
        {
            return "email has nothing before the @";
        }

        if (local.Length > 64)
        {
            return "email part before the @ is longer than 64 characters";
        }

        var hasAtom = false;
        foreach (var c in local)
        {
            if (c == '.')
            {
                // Consecutive dots and a dot before the @ break RFC 5322 but were issued by Japanese mobile
                // carriers for years and still deliver, so they are accepted.
                continue;
            }

            if (!IsAtext(c))
            {
                return c > 0x7F ? "email part before the @ has non-ASCII characters" : "email part before the @ has a character not allowed there";
            }

            hasAtom = true;
        }

        return hasAtom && local[0] != '.' ? null : "email part before the @ is not valid";
    }

    private static string? CheckDomain(ref string domain)
    {
        if (domain.Length == 0)
        {
            return "email has no domain after the @";
        }

        var lower = domain.ToLowerInvariant();
        if (lower.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F'))
        {
            try
            {
                lower = new IdnMapping().GetAscii(lower);
            }
            catch (ArgumentException)
            {
                return "email domain is not a valid internationalised domain";
            }
        }

        if (lower.Length > 253)
        {
            return "email domain is longer than 253 characters";
        }

        var labels = lower.Split('.');
        if (labels.Length < 2)
        {
            return "email domain has no dot";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return "email domain has an empty or malformed part";
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    return "email domain has a character not allowed in domains";
                }
            }
        }

        var tld = labels[^1];
        if (tld.Length < 2 || !(tld.StartsWith("xn--", StringComparison.Ordinal) || tld.All(char.IsAsciiLetterLower)))
        {
            return "email domain does not end in a valid top-level domain";
        }

        domain = lower;
        return null;
    }

    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~' or '-';
}

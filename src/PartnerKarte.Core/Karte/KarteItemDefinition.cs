namespace PartnerKarte.Karte;

/// <summary>One item of a <see cref="KarteTemplate"/>: a hearing item (ヒアリング項目) a team records for each company or rep.</summary>
public sealed record KarteItemDefinition
{
    /// <summary>The stable key, e.g. <c>rep.temperature</c>. Letters, digits, <c>.</c>, <c>_</c> and <c>-</c>; unique in a template.</summary>
    public required string Key { get; init; }

    /// <summary>The label, e.g. 自社への関心度（温度感） / Interest in us (temperature).</summary>
    public required LocalizedText Label { get; init; }

    /// <summary>Company or rep karte.</summary>
    public required KarteLevel Level { get; init; }

    /// <summary>The value type.</summary>
    public required KarteItemType Type { get; init; }

    /// <summary>Required or recommended.</summary>
    public KarteItemRequirement Requirement { get; init; } = KarteItemRequirement.Recommended;

    /// <summary>Whether the value is a schema field or a custom item.</summary>
    public KarteItemSource Source { get; init; } = KarteItemSource.Custom;

    /// <summary>The options of a <see cref="KarteItemType.Choice"/> or <see cref="KarteItemType.MultiChoice"/> item.</summary>
    public IReadOnlyList<KarteChoice> Choices { get; init; } = [];

    /// <summary>Smallest allowed value of a numeric item, when bounded.</summary>
    public decimal? Min { get; init; }

    /// <summary>Largest allowed value of a numeric item, when bounded.</summary>
    public decimal? Max { get; init; }

    /// <summary>Whether the item is required.</summary>
    public bool IsRequired => Requirement == KarteItemRequirement.Required;

    /// <summary>The lower bound actually enforced: <see cref="Min"/>, or 0 for a percentage without one.</summary>
    public decimal? EffectiveMin => Min ?? (Type == KarteItemType.Percent ? 0m : null);

    /// <summary>The upper bound actually enforced: <see cref="Max"/>, or 100 for a percentage without one.</summary>
    public decimal? EffectiveMax => Max ?? (Type == KarteItemType.Percent ? 100m : null);

    /// <summary>
    /// Finds a choice by key, or by its Japanese or English label (case-insensitive), so importers can accept
    /// either <c>hot</c> or 高い.
    /// </summary>
    /// <param name="keyOrLabel">The key or label.</param>
    /// <returns>The choice, or <see langword="null"/> when none matches.</returns>
    public KarteChoice? FindChoice(string? keyOrLabel)
    {
        if (string.IsNullOrWhiteSpace(keyOrLabel))
        {
            return null;
        }

        var s = keyOrLabel.Trim();
        foreach (var c in Choices)
        {
            if (string.Equals(c.Key, s, StringComparison.Ordinal))
            {
                return c;
            }
        }

        foreach (var c in Choices)
        {
            if (string.Equals(c.Key, s, StringComparison.OrdinalIgnoreCase) || c.Label.Ja == s ||
                string.Equals(c.Label.En, s, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Checks one value against this item: type, choices and range. Presence is not checked here.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Why the value is invalid, or <see langword="null"/> when it is valid.</returns>
    public string? CheckValue(KarteValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsCompatible(Type, value.Type))
        {
            return $"wrong type: the item expects {KarteTemplateJson.TypeName(Type)}, got {KarteTemplateJson.TypeName(value.Type)}";
        }

        switch (Type)
        {
            case KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent when value.Number is decimal n:
                if (Type == KarteItemType.Integer && n != decimal.Truncate(n))
                {
                    return "not a whole number";
                }

                if (EffectiveMin is decimal min && n < min)
                {
                    return $"out of range: below the minimum {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                }

                if (EffectiveMax is decimal max && n > max)
                {
                    return $"out of range: above the maximum {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                }

                break;
            case KarteItemType.Choice when !string.IsNullOrWhiteSpace(value.Text):
                if (!HasChoice(value.Text))
                {
                    return $"choice not in list: '{value.Text}' is not one of {ChoiceKeys()}";
                }

                break;
            case KarteItemType.MultiChoice:
                foreach (var item in value.Items)
                {
                    if (!HasChoice(item))
                    {
                        return $"choice not in list: '{item}' is not one of {ChoiceKeys()}";
                    }
                }

                break;
        }

        return null;
    }

    private bool HasChoice(string? key)
    {
        foreach (var c in Choices)
        {
            if (string.Equals(c.Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private string ChoiceKeys() => string.Join(", ", Choices.Select(c => c.Key));

    // Values made by the generic factories (FromText, FromNumber, FromItems) are accepted for the matching
    // item kinds, so importers need not know the exact item type before building a value.
    private static bool IsCompatible(KarteItemType item, KarteItemType value) => item switch
    {
        KarteItemType.Text or KarteItemType.LongText => value is KarteItemType.Text or KarteItemType.LongText,
        KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent =>
            value is KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent,
        KarteItemType.Choice => value is KarteItemType.Choice or KarteItemType.Text,
        KarteItemType.MultiChoice or KarteItemType.Tags => value is KarteItemType.MultiChoice or KarteItemType.Tags,
        _ => item == value,
    };
}

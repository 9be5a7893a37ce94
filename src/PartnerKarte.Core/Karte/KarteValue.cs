using System.Globalization;

namespace PartnerKarte.Karte;

/// <summary>A typed value of a custom karte item. Create one with the static factories.</summary>
public sealed record KarteValue
{
    private KarteValue(KarteItemType type) => Type = type;

    /// <summary>The value's type.</summary>
    public KarteItemType Type { get; }

    /// <summary>The text, for <see cref="KarteItemType.Text"/>, <see cref="KarteItemType.LongText"/> and <see cref="KarteItemType.Choice"/>.</summary>
    public string? Text { get; private init; }

    /// <summary>The number, for numeric types.</summary>
    public decimal? Number { get; private init; }

    /// <summary>The flag, for <see cref="KarteItemType.Boolean"/>.</summary>
    public bool? Boolean { get; private init; }

    /// <summary>The date, for <see cref="KarteItemType.Date"/>.</summary>
    public DateOnly? Date { get; private init; }

    /// <summary>The items, for <see cref="KarteItemType.MultiChoice"/> and <see cref="KarteItemType.Tags"/>.</summary>
    public IReadOnlyList<string> Items { get; private init; } = [];

    /// <summary>Whether the value counts as filled in (non-blank text, any number, a non-empty list…).</summary>
    public bool IsFilled => Type switch
    {
        KarteItemType.Text or KarteItemType.LongText or KarteItemType.Choice => !string.IsNullOrWhiteSpace(Text),
        KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent => Number is not null,
        KarteItemType.Boolean => Boolean is not null,
        KarteItemType.Date => Date is not null,
        _ => Items.Count > 0,
    };

    /// <summary>A text value.</summary>
    /// <param name="text">The text.</param>
    /// <param name="multiline">Whether the item is long text.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromText(string? text, bool multiline = false) =>
        new(multiline ? KarteItemType.LongText : KarteItemType.Text) { Text = text };

    /// <summary>A numeric value.</summary>
    /// <param name="number">The number.</param>
    /// <param name="type">One of <see cref="KarteItemType.Integer"/>, <see cref="KarteItemType.Number"/>, <see cref="KarteItemType.Money"/>, <see cref="KarteItemType.Percent"/>.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromNumber(decimal? number, KarteItemType type = KarteItemType.Number)
    {
        if (type is not (KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A numeric value needs a numeric item type.");
        }

        return new(type) { Number = number };
    }

    /// <summary>A yes/no value.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromBoolean(bool? value) => new(KarteItemType.Boolean) { Boolean = value };

    /// <summary>A date value.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromDate(DateOnly? value) => new(KarteItemType.Date) { Date = value };

    /// <summary>One choice.</summary>
    /// <param name="choice">The chosen option's key.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromChoice(string? choice) => new(KarteItemType.Choice) { Text = choice };

    /// <summary>A list of choices or tags.</summary>
    /// <param name="items">The items.</param>
    /// <param name="tags"><see langword="true"/> for free tags, <see langword="false"/> for template choices.</param>
    /// <returns>The value.</returns>
    public static KarteValue FromItems(IEnumerable<string> items, bool tags = true) =>
        new(tags ? KarteItemType.Tags : KarteItemType.MultiChoice) { Items = [.. items] };

    /// <summary>The value as invariant text, for display and storage.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Type switch
    {
        KarteItemType.Text or KarteItemType.LongText or KarteItemType.Choice => Text ?? string.Empty,
        KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent => Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        KarteItemType.Boolean => Boolean switch { true => "true", false => "false", null => string.Empty },
        KarteItemType.Date => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        _ => string.Join(';', Items),
    };

    /// <inheritdoc />
    public bool Equals(KarteValue? other) =>
        other is not null && Type == other.Type && Text == other.Text && Number == other.Number &&
        Boolean == other.Boolean && Date == other.Date && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Text, Number, Boolean, Date, Items.Count);
}

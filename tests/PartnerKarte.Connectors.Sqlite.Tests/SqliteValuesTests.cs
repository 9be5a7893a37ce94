using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

using PartnerKarte.Connectors.Shared;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The hand-written fast paths for instants and string lists read back exactly what the store writes.</summary>
public sealed class SqliteValuesTests
{
    [Theory]
    [InlineData("2025-05-01T09:10:03.0000000+09:00")]
    [InlineData("2024-02-29T23:59:59.9999999-03:30")]
    [InlineData("0001-01-01T00:00:00.0000000+00:00")]
    public void Stored_instants_parse_to_the_written_value(string text)
    {
        var expected = DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);

        var parsed = KarteValues.ParseInstant(text);

        parsed.Should().Be(expected);
        parsed.Offset.Should().Be(expected.Offset);
    }

    [Fact]
    public void Every_instant_round_trips_with_its_offset() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<DateTime>().Zip(Gen.Choose(-14 * 4, 14 * 4)).Select(t => (t.Item1, Offset: TimeSpan.FromMinutes(t.Item2 * 15)))
                .Where(t => t.Item1.Ticks - t.Offset.Ticks > 0 && t.Item1.Ticks - t.Offset.Ticks < DateTime.MaxValue.Ticks)
                .ToArbitrary(),
            t =>
            {
                var value = new DateTimeOffset(DateTime.SpecifyKind(t.Item1, DateTimeKind.Unspecified), t.Offset);
                var parsed = KarteValues.ParseInstant((string)KarteValues.Db(value));
                return parsed == value && parsed.Offset == value.Offset;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_malformed_instant_fails_as_the_framework_parser_does()
    {
        var act = () => KarteValues.ParseInstant("2025-13-01T09:10:03.0000000+09:00");

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"R-02022\"]")]
    [InlineData("[\"R-1\",\"R-2\",\"R-3\"]")]
    [InlineData("[\"\\u7D4C\\u8CBB\\u7CBE\\u7B97\",\"\\u5C0F\\u58F2\\u696D\"]")]
    [InlineData("[\"a,b\",\"c]d\",\"\"]")]
    [InlineData("[ \"spaced\" ]")]
    public void Stored_lists_parse_as_json_does(string json) =>
        KarteValues.ParseList(json).Should().Equal(JsonSerializer.Deserialize<string[]>(json));

    [Fact]
    public void Every_list_round_trips() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<string[]>().Select(a => a.Where(s => s is not null).ToArray()).ToArbitrary(),
            items => items.Length == 0 || KarteValues.ParseList((string)KarteValues.Json(items)).SequenceEqual(items))
            .QuickCheckThrowOnFailure();
}

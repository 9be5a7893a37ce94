using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerKarte.Karte;

namespace PartnerKarte.Console.Cli;

/// <summary>Writes karte ids (<see cref="RepId"/>, <see cref="CompanyId"/>, …) as the plain strings people and scripts use, e.g. <c>"R-00003"</c>.</summary>
internal sealed class KarteIdJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(RepId) || typeToConvert == typeof(CompanyId) || typeToConvert == typeof(ProposalId)
        || typeToConvert == typeof(InteractionId) || typeToConvert == typeof(UserId);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(RepId) ? new Id<RepId>(v => v.Value, s => new RepId(s))
        : typeToConvert == typeof(CompanyId) ? new Id<CompanyId>(v => v.Value, s => new CompanyId(s))
        : typeToConvert == typeof(ProposalId) ? new Id<ProposalId>(v => v.Value, s => new ProposalId(s))
        : typeToConvert == typeof(InteractionId) ? new Id<InteractionId>(v => v.Value, s => new InteractionId(s))
        : new Id<UserId>(v => v.Value, s => new UserId(s));

    private sealed class Id<T>(Func<T, string> write, Func<string, T> read) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => read(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
    }
}

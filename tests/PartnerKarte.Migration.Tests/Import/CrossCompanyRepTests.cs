using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Migration.Tests.Import;

public class CrossCompanyRepTests
{
    [Fact]
    public async Task Reps_with_the_same_name_and_phone_at_different_companies_are_not_merged()
    {
        // Two partners share a rep's name and (say, a reused shared) mobile number: still two people until a transfer is recorded.
        var csv = "会社名,担当者名,電話番号\n" +
                  "株式会社みらい商事,鈴木 一郎,090-1111-2222\n" +
                  "東海システム株式会社,鈴木 一郎,090-1111-2222\n" +
                  "(株)みらい商事,鈴木 一郎,090-1111-2222\n";

        var result = await KarteImporter.ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        result.Data.Companies.Should().HaveCount(2);
        result.Data.Reps.Should().HaveCount(2, "one 鈴木 一郎 per company; the third row is the first company's rep again");
        result.Data.Reps.Select(r => r.CompanyId).Distinct().Should().HaveCount(2);
    }
}

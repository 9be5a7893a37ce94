using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Migration.Tests.Import;

/// <summary>
/// The messy 代理店管理表 of issue 7, acceptance 3: CP932, mixed full/half width, 株式会社/(株)/㈱ variants of one
/// company, a duplicated row, bad emails, missing required cells, unknown and extra columns, a quoted
/// address with a line break. Built in code so every quirk is visible here.
/// </summary>
internal static class MessyCsvFixture
{
    public const string Header =
        "会社名,会社名カナ,業種,所在地,従業員数,設立年,資本金,決算月,担当者名,氏名カナ,役職,部署,メールアドレス,電話番号,得意分野,手数料率,契約開始日,契約期間,備考,社内ランク";

    public static readonly string[] Lines =
    [
        Header,                                                                                                                                                                      // line 1
        "株式会社サンプル商事,サンプルショウジ,SIer,東京都千代田区丸の内１－１,120,1998年,5000万円,3月,山田 太郎,ヤマダ タロウ,課長,パートナー営業部,taro.yamada@sample-shoji.co.jp,03-1234-5678,製造業、会計,15%,2024/4/1,12ヶ月,,A",   // line 2
        "(株)ｻﾝﾌﾟﾙ商事,,SIer,,,,,,佐藤　花子,ｻﾄｳ ﾊﾅｺ,主任,パートナー営業部,hanako.sato@sample-shoji.co.jp,０９０－１２３４－５６７８,クラウド,,,,,B",                                           // line 3: variant, new rep
        "㈱サンプル商事,,,,,,,,山田 太郎,,,,ＴＡＲＯ.ＹＡＭＡＤＡ＠ＳＡＭＰＬＥ-ＳＨＯＪＩ.CO.JP,03(1234)5678,,,,,電話で確認済み,A",                                                      // line 4: variant, same rep again
        "(株)ｻﾝﾌﾟﾙ商事,,SIer,,,,,,佐藤　花子,ｻﾄｳ ﾊﾅｺ,主任,パートナー営業部,hanako.sato@sample-shoji.co.jp,０９０－１２３４－５６７８,クラウド,,,,,B",                                           // line 5: duplicated row
        "東京テクノ株式会社,トウキョウテクノ,製造業,神奈川県横浜市西区みなとみらい2-2-1,45,平成10年,1000万,12,鈴木 一郎,スズキ イチロウ,部長,営業本部,suzuki@tokyo-techno,045-123-4567,,10,2023/10/1,1年,,C", // line 6: bad email
        ",,,,,,,,高橋 次郎,タカハシ ジロウ,,,takahashi@example.co.jp,090-2222-3333,,,,,,",                                                                                          // line 7: no company name
        "東京テクノ株式会社,トウキョウテクノ,製造業,神奈川県横浜市西区みなとみらい2-2-1,45,平成10年,1000万,12,田中 三郎,タナカ サブロウ,課長,営業本部,tanaka@tokyo-techno.co.jp,045-123-4567,,10,2023/10/1,1年,,C", // line 8
        "有限会社やまだ屋,ﾔﾏﾀﾞﾔ,小売,大阪府大阪市北区梅田1-1-1,8,,300万,13,,,,,,,,,,,,",                                                                                             // line 9: fiscal month 13
        "有限会社やまだ屋,ﾔﾏﾀﾞﾔ,小売,大阪府大阪市北区梅田1-1-1,8,,300万,2,,,,,,,,,,,,,余分な列",                                                                                      // line 10: company only, an extra cell
        "東京テクノ株式会社,,,,,,,,,,,,noname@tokyo-techno.co.jp,,,,,,,",                                                                                                             // line 11: rep without a name
        "ネクストリンク合同会社,ネクストリンク,広告代理店,\"東京都港区芝公園4-2-8\r\n東京タワービル 5F\",30,2015,\"1,000万円\",9,伊藤 美咲,イトウ ミサキ,マネージャー,\"営業部, 第二課\",misaki.ito@nextlink.jp,050-1234-5678,\"Web広告、SNS\",20%,令和6年4月1日,24,,A", // lines 12-13
        "ネクストリンク合同会社,,,,,,,,渡辺 健,ワタナベ ケン,,,ken.watanabe@@nextlink.jp,,,,,,,",                                                                                        // line 14: bad email after a two-line row
    ];

    public static byte[] Cp932Bytes() => KarteCsv.ShiftJis.GetBytes(string.Join("\r\n", Lines) + "\r\n");

    public static byte[] Utf8BomBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\n", Lines) + "\n")];
}

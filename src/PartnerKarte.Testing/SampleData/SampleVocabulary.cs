namespace PartnerKarte.SampleData;

/// <summary>A word with its katakana reading and a romanisation used for domains and email addresses.</summary>
internal readonly record struct SampleWord(string Text, string Kana, string Romaji);

/// <summary>An industry with the name endings and karte texts typical of it.</summary>
internal sealed record SampleIndustry(
    string Name,
    SampleWord[] NameEndings,
    string[] Segments,
    string[] Policies,
    string[] Strengths,
    string[] Challenges);

/// <summary>A prefecture with places for addresses and its landline area codes.</summary>
internal sealed record SamplePrefecture(string Name, double Weight, string[] Places, string AreaCode);

/// <summary>Fixed Japanese vocabulary of the sample data. Only shared strings: records reference, never build, text.</summary>
internal static class SampleVocabulary
{
    public static readonly SampleWord[] NamePrefixes =
    [
        new("さくら", "サクラ", "sakura"), new("東海", "トウカイ", "tokai"), new("青葉", "アオバ", "aoba"),
        new("北斗", "ホクト", "hokuto"), new("みらい", "ミライ", "mirai"), new("大和", "ヤマト", "yamato"),
        new("富士", "フジ", "fuji"), new("関西", "カンサイ", "kansai"), new("九州", "キュウシュウ", "kyushu"),
        new("ひかり", "ヒカリ", "hikari"), new("新星", "シンセイ", "shinsei"), new("城南", "ジョウナン", "jonan"),
        new("湘南", "ショウナン", "shonan"), new("中央", "チュウオウ", "chuo"), new("東都", "トウト", "toto"),
        new("北陸", "ホクリク", "hokuriku"), new("瀬戸内", "セトウチ", "setouchi"), new("アルファ", "アルファ", "alpha"),
        new("ネクスト", "ネクスト", "next"), new("グローバル", "グローバル", "global"), new("日本橋", "ニホンバシ", "nihonbashi"),
        new("丸の内", "マルノウチ", "marunouchi"), new("みなと", "ミナト", "minato"), new("若葉", "ワカバ", "wakaba"),
        new("朝日", "アサヒ", "asahi"),
    ];

    public static readonly SampleIndustry[] Industries =
    [
        new("SIer",
            [new("システムズ", "システムズ", "systems"), new("ソリューションズ", "ソリューションズ", "solutions"), new("情報システム", "ジョウホウシステム", "joho"), new("テクノロジー", "テクノロジー", "tech"), new("ITサービス", "アイティーサービス", "itservice")],
            ["中堅企業", "製造業", "自治体", "金融機関"],
            ["基幹システム更改案件をクラウド前提で提案する", "保守契約からサブスクリプション型への転換を進める"],
            ["大手製造業との長期取引", "インフラ構築から運用まで一貫対応できる技術者層"],
            ["SaaS の提案経験が少ない", "若手営業の育成が追いついていない"]),
        new("広告代理店",
            [new("エージェンシー", "エージェンシー", "agency"), new("広告", "コウコク", "koukoku"), new("コミュニケーションズ", "コミュニケーションズ", "comms"), new("プロモーション", "プロモーション", "promo")],
            ["小売業", "飲食業", "中小企業"],
            ["デジタル広告と業務ツールのセット提案で顧客単価を上げる"],
            ["地域の小売・飲食チェーンとの太いパイプ", "経営層への提案機会が多い"],
            ["業務システムの知識が浅い", "案件がキャンペーン時期に偏る"]),
        new("人材",
            [new("キャリア", "キャリア", "career"), new("人材サービス", "ジンザイサービス", "jinzai"), new("スタッフィング", "スタッフィング", "staffing"), new("ヒューマンリソース", "ヒューマンリソース", "hr")],
            ["中小企業", "医療・介護", "物流"],
            ["人事労務 DX を派遣・紹介に続く第三の柱にする"],
            ["人事部門とのリレーション", "全国の営業拠点網"],
            ["IT 商材の提案スキルにばらつきがある"]),
        new("不動産",
            [new("不動産", "フドウサン", "fudosan"), new("エステート", "エステート", "estate"), new("ハウジング", "ハウジング", "housing"), new("地所", "ジショ", "jisho")],
            ["不動産業", "建設業", "個人事業主"],
            ["管理物件のオーナー向けサービスを拡充する"],
            ["地場オーナーからの信頼", "管理物件数が地域で上位"],
            ["営業がアナログ中心で提案資料が古い"]),
        new("商社",
            [new("商事", "ショウジ", "shoji"), new("トレーディング", "トレーディング", "trading"), new("産業", "サンギョウ", "sangyo")],
            ["製造業", "卸売業", "建設業"],
            ["取引先の業務効率化支援で商社機能を高める"],
            ["幅広い仕入先・販売先ネットワーク"],
            ["ソフトウェアの継続課金モデルに不慣れ"]),
        new("コンサルティング",
            [new("コンサルティング", "コンサルティング", "consulting"), new("パートナーズ", "パートナーズ", "partners"), new("経営研究所", "ケイエイケンキュウジョ", "keiken")],
            ["中堅企業", "医療・介護", "製造業"],
            ["業務改善コンサルとツール導入をワンストップで提供する"],
            ["経営者への直接アクセス", "業務設計の上流工程に強い"],
            ["導入後の運用支援の人手が足りない"]),
        new("OA機器販売",
            [new("事務機", "ジムキ", "jimuki"), new("ビジネスマシン", "ビジネスマシン", "bizmachine"), new("オフィスサービス", "オフィスサービス", "office")],
            ["中小企業", "士業", "小売業"],
            ["複合機の保守顧客にクラウドサービスを横展開する"],
            ["保守訪問による定期的な顧客接点", "地域密着の営業体制"],
            ["ソフト商材の粗利管理ができていない"]),
        new("会計事務所",
            [new("会計", "カイケイ", "kaikei"), new("ビジネスサポート", "ビジネスサポート", "bizsupport"), new("税務会計", "ゼイムカイケイ", "zeimu")],
            ["中小企業", "個人事業主", "医療・介護"],
            ["顧問先のインボイス・電子帳簿保存法対応を一括支援する"],
            ["顧問先数が多く経営者と毎月接点がある"],
            ["IT 担当者がおらず導入支援が属人的"]),
    ];

    /// <summary>Industry weights, parallel to <see cref="Industries"/>.</summary>
    public static readonly double[] IndustryWeights = [0.26, 0.12, 0.12, 0.08, 0.1, 0.1, 0.12, 0.1];

    public static readonly SamplePrefecture[] Prefectures =
    [
        new("東京都", 35, ["千代田区丸の内", "港区芝浦", "新宿区西新宿", "渋谷区道玄坂", "中央区日本橋"], "03"),
        new("大阪府", 12, ["大阪市北区梅田", "大阪市中央区本町"], "06"),
        new("愛知県", 9, ["名古屋市中村区名駅", "名古屋市中区栄"], "052"),
        new("神奈川県", 8, ["横浜市西区みなとみらい", "川崎市幸区堀川町"], "045"),
        new("福岡県", 7, ["福岡市博多区博多駅前", "福岡市中央区天神"], "092"),
        new("北海道", 5, ["札幌市中央区北一条西"], "011"),
        new("宮城県", 4, ["仙台市青葉区中央"], "022"),
        new("広島県", 4, ["広島市中区紙屋町"], "082"),
        new("埼玉県", 4, ["さいたま市大宮区桜木町"], "048"),
        new("京都府", 4, ["京都市下京区烏丸通"], "075"),
        new("兵庫県", 3, ["神戸市中央区三宮町"], "078"),
        new("静岡県", 3, ["静岡市葵区御幸町"], "054"),
        new("石川県", 2, ["金沢市広岡"], "076"),
    ];

    public static readonly SampleWord[] FamilyNames =
    [
        new("佐藤", "サトウ", "sato"), new("鈴木", "スズキ", "suzuki"), new("高橋", "タカハシ", "takahashi"), new("田中", "タナカ", "tanaka"),
        new("伊藤", "イトウ", "ito"), new("渡辺", "ワタナベ", "watanabe"), new("山本", "ヤマモト", "yamamoto"), new("中村", "ナカムラ", "nakamura"),
        new("小林", "コバヤシ", "kobayashi"), new("加藤", "カトウ", "kato"), new("吉田", "ヨシダ", "yoshida"), new("山田", "ヤマダ", "yamada"),
        new("佐々木", "ササキ", "sasaki"), new("山口", "ヤマグチ", "yamaguchi"), new("松本", "マツモト", "matsumoto"), new("井上", "イノウエ", "inoue"),
        new("木村", "キムラ", "kimura"), new("林", "ハヤシ", "hayashi"), new("斎藤", "サイトウ", "saito"), new("清水", "シミズ", "shimizu"),
        new("山崎", "ヤマザキ", "yamazaki"), new("森", "モリ", "mori"), new("池田", "イケダ", "ikeda"), new("橋本", "ハシモト", "hashimoto"),
        new("阿部", "アベ", "abe"), new("石川", "イシカワ", "ishikawa"), new("山下", "ヤマシタ", "yamashita"), new("中島", "ナカジマ", "nakajima"),
        new("石井", "イシイ", "ishii"), new("小川", "オガワ", "ogawa"), new("前田", "マエダ", "maeda"), new("岡田", "オカダ", "okada"),
        new("長谷川", "ハセガワ", "hasegawa"), new("藤田", "フジタ", "fujita"), new("後藤", "ゴトウ", "goto"), new("近藤", "コンドウ", "kondo"),
        new("村上", "ムラカミ", "murakami"), new("遠藤", "エンドウ", "endo"), new("青木", "アオキ", "aoki"), new("坂本", "サカモト", "sakamoto"),
    ];

    public static readonly SampleWord[] GivenNames =
    [
        new("太郎", "タロウ", "taro"), new("翔太", "ショウタ", "shota"), new("大輔", "ダイスケ", "daisuke"), new("健太", "ケンタ", "kenta"),
        new("拓也", "タクヤ", "takuya"), new("直樹", "ナオキ", "naoki"), new("亮", "リョウ", "ryo"), new("誠", "マコト", "makoto"),
        new("浩二", "コウジ", "koji"), new("健一", "ケンイチ", "kenichi"), new("雄太", "ユウタ", "yuta"), new("悠斗", "ユウト", "yuto"),
        new("蓮", "レン", "ren"), new("大樹", "ダイキ", "daiki"), new("和也", "カズヤ", "kazuya"), new("隆", "タカシ", "takashi"),
        new("美咲", "ミサキ", "misaki"), new("陽子", "ヨウコ", "yoko"), new("恵", "メグミ", "megumi"), new("由美", "ユミ", "yumi"),
        new("彩", "アヤ", "aya"), new("舞", "マイ", "mai"), new("さくら", "サクラ", "sakura"), new("結衣", "ユイ", "yui"),
        new("真由美", "マユミ", "mayumi"), new("直美", "ナオミ", "naomi"), new("裕子", "ユウコ", "yuko"), new("明美", "アケミ", "akemi"),
        new("千尋", "チヒロ", "chihiro"), new("葵", "アオイ", "aoi"), new("奈々", "ナナ", "nana"), new("智子", "トモコ", "tomoko"),
    ];

    public static readonly string[] Titles = ["担当", "担当", "担当", "主任", "主任", "係長", "課長代理", "課長", "課長", "次長", "部長", "マネージャー", "リーダー", "取締役"];

    public static readonly string[] Departments =
        ["営業部", "第一営業部", "第二営業部", "ソリューション営業部", "パートナー営業課", "法人営業部", "事業開発部", "営業企画部", "東日本営業部", "西日本営業部"];

    public static readonly string[] NonSalesDepartments = ["管理部", "経営企画部", "人事部", "カスタマーサクセス部"];

    public static readonly string[] ExpertiseTags =
    [
        "会計", "人事労務", "勤怠管理", "経費精算", "電子契約", "セキュリティ", "クラウド移行", "製造業",
        "小売業", "医療・介護", "建設業", "不動産業", "飲食業", "中堅企業", "中小企業", "自治体",
    ];

    public static readonly string[] InterestTags =
        ["DX推進", "インボイス制度", "電子帳簿保存法", "人的資本経営", "働き方改革", "生成AI", "ペーパーレス", "業務効率化", "コスト削減", "補助金活用"];

    public static readonly string[] Offers =
        ["クラウド会計 Pro", "給与計算クラウド", "勤怠管理 Standard", "経費精算 Plus", "電子契約 Sign", "ワークフロー Cloud", "セキュリティ診断パック", "導入支援サービス"];

    /// <summary>Typical list price per offer in yen, parallel to <see cref="Offers"/>.</summary>
    public static readonly decimal[] OfferBaseAmounts = [2_400_000m, 1_800_000m, 1_200_000m, 960_000m, 720_000m, 1_500_000m, 3_000_000m, 4_500_000m];

    public static readonly string[] SalesConditions =
    [
        "最低発注数量なし・月末締め翌月末払い", "年間目標 20 件・達成時インセンティブ 2%", "再販価格は定価の 80% 以上",
        "初年度は紹介手数料を 5% 上乗せ", "共同セミナーを四半期に 1 回開催",
    ];

    public static readonly string[] CustomerSegments = ["中小企業", "中堅企業", "大企業", "製造業", "小売業", "医療・介護", "士業", "自治体", "建設業", "IT企業"];

    public static readonly string[] GenericStatements =
    [
        "前回の提案内容を上司に共有済みとのこと", "価格表の最新版がほしい", "来月の定例は Web 会議で実施したい",
        "パートナー向けインセンティブの条件を確認したい", "顧客の決裁者が交代したので再提案したい", "他社製品との比較資料を求められた",
        "導入後のサポート体制を顧客に説明したい", "社内の営業会議で商材紹介の時間をもらえる",
    ];

    private static readonly string[] StatementTemplates =
    [
        "来期は{0}に注力したいとの話があった", "顧客から{0}の相談が増えている", "{0}の導入事例があれば紹介したい",
        "{0}について社内勉強会を開いてほしい", "{0}関連の案件を 2 件抱えている", "競合製品と比べた{0}での強みを整理してほしい",
    ];

    /// <summary>Statements about each interest tag: [tag][template].</summary>
    public static readonly string[][] TopicStatements =
        [.. InterestTags.Select(tag => StatementTemplates.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, tag)).ToArray())];

    public static readonly string[] Concerns =
    [
        "価格が競合より高い", "導入までの工数が読めない", "既存システムとの連携が不安", "サポート体制が十分か確認したい",
        "社内稟議に時間がかかる", "手数料率の見直しを希望", "顧客のセキュリティ要件を満たせるか",
    ];

    public static readonly string[] NextActions =
    [
        "見積書を送付する", "導入事例を共有する", "デモ環境を用意する", "稟議の進捗を確認する", "キーマンを紹介してもらう",
        "勉強会の日程を調整する", "提案書をレビューする", "価格表の最新版を送る",
    ];

    public static readonly string[] LossNotes =
    [
        "", // Unknown
        "競合より月額費用が高いと判断された",
        "既存ベンダーの製品に決定した",
        "API 連携が要件を満たさなかった",
        "来期予算での再検討となった",
        "今期の予算が確保できなかった",
        "社内検討が止まった",
        "パートナー側の担当者変更で推進力が落ちた",
        "顧客の事業方針変更により見送り",
    ];

    public static readonly string[] RepNotes =
        ["結論から話すと通じやすい", "数字の根拠を事前に資料で渡すと進みが早い", "雑談から入ると話しやすい", "急な変更を嫌うので早めに相談する"];

    public static readonly (string Name, string Team)[] TeamMembers =
    [
        ("佐藤 健一", "東日本パートナー営業"), ("高橋 美咲", "東日本パートナー営業"), ("田中 直樹", "東日本パートナー営業"),
        ("伊藤 由美", "西日本パートナー営業"), ("渡辺 亮", "西日本パートナー営業"), ("山本 彩", "アライアンス推進"),
        ("中村 拓也", "アライアンス推進"), ("小林 恵", "西日本パートナー営業"),
    ];

    public static readonly string[] Teams = ["東日本パートナー営業", "西日本パートナー営業", "アライアンス推進"];
}

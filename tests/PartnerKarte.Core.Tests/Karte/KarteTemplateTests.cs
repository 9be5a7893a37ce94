using PartnerKarte.Karte;
using PartnerKarte.Validation;

namespace PartnerKarte.Core.Tests.Karte;

public class KarteTemplateTests
{
    private const string TemperatureTemplate = """
        {
          "name": "営業部テンプレート",
          "version": 2,
          "items": [
            { "key": "rep.temperature", "labelJa": "温度感", "labelEn": "Temperature", "level": "rep", "type": "choice",
              "requirement": "required",
              "choices": [ { "key": "hot", "labelJa": "高い", "labelEn": "Hot" }, { "key": "cold", "labelJa": "低い", "labelEn": "Cold" } ] },
            { "key": "rep.influence", "labelJa": "社内推進力", "level": "rep", "type": "integer", "min": 1, "max": 5 },
            { "key": "company.targetRevenue", "labelJa": "目標売上", "labelEn": "Target revenue", "level": "company", "type": "money", "min": 0 },
            { "key": "profile.industry", "labelJa": "業種", "labelEn": "Industry", "level": "company", "type": "text", "source": "builtin", "requirement": "required" }
          ]
        }
        """;

    [Fact]
    public void Default_template_has_the_articles_minimum_items_and_the_extended_rep_items()
    {
        var t = KarteTemplate.Default;
        t.Name.Should().Be("default");

        // The article's company minimum: profile, proposal/loss history, terms and contract (as built-in fields).
        string[] builtIns =
        [
            "profile.industry", "profile.prefecture", "profile.employeeCount", "profile.yearFounded", "profile.revenue",
            "profile.fiscalClosingMonth", "profile.existingCustomerCount", "profile.customerSegments",
            "history.proposals", "history.lossReasons", "contract.start", "contract.term", "contract.commissionRate",
            "contract.salesConditions", "company.businessPolicy", "company.strengths", "company.challenges",
            "rep.name", "rep.title", "rep.department", "rep.email", "rep.phone", "rep.expertise", "rep.interests",
            "history.interactions", "rep.personality",
        ];
        foreach (var key in builtIns)
        {
            t.Find(key).Should().NotBeNull(key).And.Match<KarteItemDefinition>(d => d.Source == KarteItemSource.BuiltIn);
        }

        // market-research.md section 5: budget/KPI chased, evaluation axes, career type, influence, temperature, channel.
        foreach (var key in new[] { "rep.budgetKpi", "rep.evaluationAxes", "rep.careerType", "rep.internalInfluence", "rep.temperature", "rep.preferredChannel" })
        {
            var d = t.Find(key);
            d.Should().NotBeNull(key);
            d!.Level.Should().Be(KarteLevel.Rep);
            d.Source.Should().Be(KarteItemSource.Custom);
        }

        t.Find("rep.temperature")!.Choices.Select(c => c.Label.Ja).Should().Equal("高い", "普通", "低い");
        t.Find("kpi.targetRevenue")!.Type.Should().Be(KarteItemType.Money);
        t.ItemsFor(KarteLevel.Company).Should().OnlyContain(i => i.Level == KarteLevel.Company);
        t.ItemsFor(KarteLevel.Rep).Should().OnlyContain(i => i.Level == KarteLevel.Rep);
    }

    [Fact]
    public void Template_round_trips_through_json()
    {
        var original = KarteTemplate.FromJson(TemperatureTemplate);
        var json = original.ToJson();
        json.Should().Contain("\"温度感\"", "Japanese labels are written unescaped");

        var again = KarteTemplate.FromJson(json);
        again.Name.Should().Be("営業部テンプレート");
        again.Version.Should().Be(2);
        again.Items.Should().BeEquivalentTo(original.Items, o => o.WithStrictOrdering());
        again.Find("rep.influence")!.Label.En.Should().Be("社内推進力", "a missing English label falls back to the Japanese one");
        again.ToJson().Should().Be(json);
    }

    [Fact]
    public void Default_template_round_trips_through_json()
    {
        var json = KarteTemplate.Default.ToJson();
        var again = KarteTemplate.FromJson(json, "default.json");
        again.Items.Should().BeEquivalentTo(KarteTemplate.Default.Items, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var act = () => KarteTemplate.FromJson("{\n  \"items\": [\n    { \"key\": \"a\" \n  ]\n}", "team.json");
        var ex = act.Should().Throw<KarteTemplateException>().Which;
        ex.TemplateSource.Should().Be("team.json");
        ex.Problems.Should().ContainSingle().Which.Reason.Should().Contain("not valid JSON at line");
        ex.Message.Should().Contain("team.json");
    }

    [Fact]
    public void Bad_items_are_all_reported_with_json_path_and_item_key()
    {
        const string json = """
            {
              "name": "bad",
              "items": [
                { "key": "rep.temperature", "labelJa": "温度感", "level": "rep", "type": "choise" },
                { "key": "rep.style", "labelJa": "スタイル", "level": "rep", "type": "choice" },
                { "key": "rep.influence", "labelJa": "社内推進力", "level": "rep", "type": "integer", "min": 5, "max": 1 },
                { "key": "rep.influence", "labelJa": "重複", "level": "rep", "type": "text" },
                { "key": "profile.nope", "labelJa": "不明", "level": "company", "type": "text", "source": "builtin" },
                { "key": "rep.memo", "lable": "メモ", "level": "team", "type": "text" },
                { "key": "rep.note", "labelJa": "メモ", "level": "rep", "type": "text", "min": 1 }
              ]
            }
            """;
        var ex = FluentActions.Invoking(() => KarteTemplate.FromJson(json, "bad.json")).Should().Throw<KarteTemplateException>().Which;
        var problems = ex.Problems;

        problems.Should().Contain(p => p.Field == "$.items[0].type" && p.Reason.Contains("item 'rep.temperature'") && p.Reason.Contains("choise"));
        problems.Should().Contain(p => p.Field == "$.items[1].choices" && p.Reason.Contains("item 'rep.style'") && p.Reason.Contains("at least one choice"));
        problems.Should().Contain(p => p.Field == "$.items[2].min" && p.Reason.Contains("above max"));
        problems.Should().Contain(p => p.Field == "$.items[3].key" && p.Reason.Contains("duplicate key, first defined at $.items[2]"));
        problems.Should().Contain(p => p.Field == "$.items[4].key" && p.Reason.Contains("unknown built-in item"));
        problems.Should().Contain(p => p.Field == "$.items[5].lable" && p.Reason.Contains("unknown property"));
        problems.Should().Contain(p => p.Field == "$.items[5].labelJa" && p.Reason.Contains("item 'rep.memo'"));
        problems.Should().Contain(p => p.Field == "$.items[5].level" && p.Reason.Contains("team"));
        problems.Should().Contain(p => p.Field == "$.items[6].min" && p.Reason.Contains("only to numeric"));
        problems.Should().OnlyContain(p => p.Record == "bad.json");
        ex.Message.Should().Contain("$.items[0].type");
    }

    [Fact]
    public void Missing_items_array_is_reported()
    {
        var ex = FluentActions.Invoking(() => KarteTemplate.FromJson("""{ "name": "x" }""")).Should().Throw<KarteTemplateException>().Which;
        ex.Problems.Should().ContainSingle(p => p.Field == "$.items");
    }

    [Fact]
    public void Templates_built_in_code_are_checked_too()
    {
        var act = () => KarteTemplate.Create("code", [
            new KarteItemDefinition { Key = "bad key!", Label = new LocalizedText("x", "x"), Level = KarteLevel.Rep, Type = KarteItemType.Text },
            new KarteItemDefinition { Key = "profile.industry", Label = new LocalizedText("業種", "Industry"), Level = KarteLevel.Company, Type = KarteItemType.Integer, Source = KarteItemSource.BuiltIn },
        ]);
        var ex = act.Should().Throw<KarteTemplateException>().Which;
        ex.Problems.Should().Contain(p => p.Field == "items[0].key");
        ex.Problems.Should().Contain(p => p.Field == "items[1].type" && p.Reason.Contains("has type text"));
    }

    [Fact]
    public void Valid_values_have_no_problems()
    {
        var t = KarteTemplate.FromJson(TemperatureTemplate);
        var values = new Dictionary<string, KarteValue>
        {
            ["rep.temperature"] = KarteValue.FromChoice("hot"),
            ["rep.influence"] = KarteValue.FromNumber(4, KarteItemType.Integer),
        };
        t.Validate(KarteLevel.Rep, "rep:R-001", values).Should().BeEmpty();
    }

    [Fact]
    public void Values_are_checked_for_key_type_choice_range_and_presence()
    {
        var t = KarteTemplate.FromJson(TemperatureTemplate);
        var rep = new PartnerRep
        {
            Id = new RepId("R-001"),
            CompanyId = new CompanyId("C-001"),
            Name = new PersonName("山田", "太郎", "ヤマダ", "タロウ"),
            CustomItems = new Dictionary<string, KarteValue>
            {
                ["rep.influence"] = KarteValue.FromNumber(9, KarteItemType.Integer),
                ["rep.hobby"] = KarteValue.FromText("ゴルフ"),
                ["company.targetRevenue"] = KarteValue.FromNumber(1_000_000m, KarteItemType.Money),
            },
        };

        var problems = t.Validate(rep);

        problems.Should().Contain(p => p.Field == "rep.influence" && p.Reason.Contains("out of range") && p.Value == "9");
        problems.Should().Contain(p => p.Field == "rep.hobby" && p.Reason.Contains("unknown key"));
        problems.Should().Contain(p => p.Field == "company.targetRevenue" && p.Reason.Contains("company item"));
        problems.Should().Contain(p => p.Field == "rep.temperature" && p.Reason.Contains("required") && p.Value == null);
        problems.Should().OnlyContain(p => p.Record == "rep:R-001");
        problems.Should().HaveCount(4);
    }

    [Fact]
    public void Data_set_validation_covers_companies_and_reps()
    {
        var data = new KarteDataSet
        {
            Companies =
            [
                new PartnerCompany
                {
                    Id = new CompanyId("C-001"),
                    Name = "株式会社サンプル商事",
                    CustomItems = new Dictionary<string, KarteValue> { ["kpi.targetDeals"] = KarteValue.FromNumber(-3, KarteItemType.Integer) },
                },
            ],
            Reps =
            [
                new PartnerRep
                {
                    Id = new RepId("R-001"),
                    CompanyId = new CompanyId("C-001"),
                    Name = new PersonName("佐藤", "花子"),
                    CustomItems = new Dictionary<string, KarteValue> { ["rep.preferredChannel"] = KarteValue.FromChoice("fax") },
                },
            ],
        };

        var problems = KarteTemplate.Default.Validate(data);

        problems.Select(p => (p.Record, p.Field)).Should().Equal(("company:C-001", "kpi.targetDeals"), ("rep:R-001", "rep.preferredChannel"));
    }

    [Theory]
    [InlineData("warm", "choice not in list")]
    [InlineData("", "blank")]
    public void Choice_values_must_be_in_the_list(string choice, string reason)
    {
        var t = KarteTemplate.FromJson(TemperatureTemplate);
        var problems = t.Validate(KarteLevel.Rep, "rep:R-002", new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromChoice(choice) });
        problems.Should().ContainSingle().Which.Reason.Should().Contain(reason);
    }

    [Fact]
    public void Wrong_types_and_fractions_are_rejected()
    {
        var t = KarteTemplate.FromJson(TemperatureTemplate);
        IReadOnlyList<ValidationProblem> Check(string key, KarteValue v)
        {
            var level = t.Find(key)!.Level;
            var values = new Dictionary<string, KarteValue> { [key] = v };
            if (level == KarteLevel.Rep)
            {
                values["rep.temperature"] = KarteValue.FromChoice("hot");
            }

            return t.Validate(level, "x", values);
        }

        Check("rep.influence", KarteValue.FromText("高い")).Should().ContainSingle().Which.Reason.Should().StartWith("wrong type: the item expects integer, got text");
        Check("rep.influence", KarteValue.FromNumber(2.5m)).Should().ContainSingle().Which.Reason.Should().Be("not a whole number");
        Check("company.targetRevenue", KarteValue.FromNumber(-1m, KarteItemType.Money)).Should().ContainSingle().Which.Reason.Should().Contain("below the minimum 0");
        Check("profile.industry", KarteValue.FromText("SIer")).Should().ContainSingle().Which.Reason.Should().Contain("built-in field");
    }

    [Fact]
    public void Percent_items_are_bounded_0_to_100_unless_the_template_says_otherwise()
    {
        var t = KarteTemplate.Default;
        var problems = t.Validate(KarteLevel.Company, "company:C-1", new Dictionary<string, KarteValue>
        {
            ["company.trainingCompletion"] = KarteValue.FromNumber(120m, KarteItemType.Percent),
        });
        problems.Should().ContainSingle().Which.Reason.Should().Contain("above the maximum 100");

        t.Validate(KarteLevel.Rep, "rep:R-1", new Dictionary<string, KarteValue>
        {
            ["rep.budgetAttainment"] = KarteValue.FromNumber(120m, KarteItemType.Percent),
        }).Should().BeEmpty("the default template allows attainment up to 300 %");
    }

    [Fact]
    public void Choices_can_be_found_by_key_or_by_label()
    {
        var d = KarteTemplate.Default.Find("rep.preferredChannel")!;
        d.FindChoice("メール")!.Key.Should().Be("email");
        d.FindChoice("Web meeting")!.Key.Should().Be("webMeeting");
        d.FindChoice("PHONE")!.Key.Should().Be("phone");
        d.FindChoice("fax").Should().BeNull();
    }
}

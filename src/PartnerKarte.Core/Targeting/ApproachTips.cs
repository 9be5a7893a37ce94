using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>
/// A small JA/EN table of approach tips per DiSC style and MBTI temperament (NT, NF, SJ, SP), used by the
/// handover brief and by proposal targeting. The tips are practical conventions of Japanese channel sales, not
/// psychometric claims.
/// </summary>
public static class ApproachTips
{
    private static readonly Dictionary<DiscStyle, ApproachTip> Disc = new()
    {
        [DiscStyle.D] = new("DiSC D",
            T("結論重視・決断が早い", "Results-first and decisive"),
            [T("結論と成果（売上・粗利）を最初に示す", "Lead with the conclusion and the payoff (revenue, margin)"),
             T("選択肢を2〜3案に絞り、本人に決めてもらう", "Offer two or three options and let them decide"),
             T("短く要点だけの連絡にする", "Keep messages short and to the point")],
            [T("長い前置きや細部の説明", "Long preambles and detail first"),
             T("決定を先延ばしにする曖昧な提案", "Vague proposals that delay a decision")]),
        [DiscStyle.I] = new("DiSC I",
            T("社交的・熱意で動く", "Outgoing, moved by enthusiasm"),
            [T("雑談や会食で関係を温める", "Warm the relationship with small talk and meals"),
             T("成功事例やストーリーで期待感を伝える", "Share success stories and the vision"),
             T("社内で紹介しやすい資料を渡す", "Give material they can easily pass on internally")],
            [T("数字だけの無機質な説明", "Dry, numbers-only explanations"),
             T("約束の詰めを口頭任せにすること（書面で確認する）", "Leaving commitments verbal: confirm them in writing")]),
        [DiscStyle.S] = new("DiSC S",
            T("安定志向・急な変化が苦手", "Steady, dislikes sudden change"),
            [T("段階的な進め方と導入後の支援体制を示す", "Show a step-by-step plan and the support after launch"),
             T("十分な検討時間と社内調整の時間を取る", "Allow time to consider and align internally"),
             T("担当交代時は前任者同席で丁寧に引き継ぐ", "On a handover, introduce the successor with the predecessor present")],
            [T("急な方針変更や即答の要求", "Sudden changes or pressure for an immediate answer"),
             T("強引なクロージング", "Hard closing")]),
        [DiscStyle.C] = new("DiSC C",
            T("分析的・正確さと根拠を重視", "Analytical, wants accuracy and evidence"),
            [T("データ・比較表・根拠資料を事前に送る", "Send data, comparison tables and evidence in advance"),
             T("質問には正確に、期限を守って回答する", "Answer questions precisely and on time"),
             T("リスクと対策を明示する", "State the risks and how they are handled")],
            [T("根拠のない誇張や曖昧な数字", "Unsupported claims and vague numbers"),
             T("準備不足のままの訪問", "Meetings without preparation")]),
    };

    private static readonly Dictionary<string, ApproachTip> Temperaments = new(StringComparer.Ordinal)
    {
        ["NT"] = new("MBTI NT",
            T("論理・戦略志向", "Logical and strategic"),
            [T("全体戦略と合理的な根拠で話す", "Talk strategy and sound reasoning"),
             T("新しい手法や将来性を示す", "Show new approaches and future potential")],
            [T("前例だけを理由にした説明", "Arguing from precedent alone")]),
        ["NF"] = new("MBTI NF",
            T("理念・人間関係重視", "Values and people first"),
            [T("顧客や社会への意義を伝える", "Explain the meaning for customers and society"),
             T("個人として信頼関係を築く", "Build trust person to person")],
            [T("数字だけで押す提案", "Pushing on numbers alone")]),
        ["SJ"] = new("MBTI SJ",
            T("堅実・手順重視", "Dependable, process-minded"),
            [T("実績・事例・手順を具体的に示す", "Show track record, cases and concrete steps"),
             T("約束と期限を確実に守る", "Keep every promise and deadline")],
            [T("手順の飛ばしや突然の変更", "Skipped steps and sudden changes")]),
        ["SP"] = new("MBTI SP",
            T("行動的・柔軟", "Action-oriented and flexible"),
            [T("デモや体験で素早く見せる", "Show it quickly with a demo or trial"),
             T("すぐ動ける小さな次の一歩を提案する", "Propose a small next step they can take now")],
            [T("長い資料と会議", "Long documents and meetings")]),
    };

    /// <summary>The tip for a DiSC style.</summary>
    /// <param name="style">The style.</param>
    /// <returns>The tip.</returns>
    public static ApproachTip ForDisc(DiscStyle style) =>
        Disc.TryGetValue(style, out var tip) ? tip : throw new ArgumentOutOfRangeException(nameof(style), style, "Unknown DiSC style.");

    /// <summary>The tip for an MBTI temperament.</summary>
    /// <param name="temperament">One of NT, NF, SJ, SP (see <see cref="MbtiType.Temperament"/>).</param>
    /// <returns>The tip.</returns>
    public static ApproachTip ForTemperament(string temperament) =>
        Temperaments.TryGetValue(temperament, out var tip) ? tip : throw new ArgumentOutOfRangeException(nameof(temperament), temperament, "A temperament is one of NT, NF, SJ, SP.");

    /// <summary>The tips for a personality profile: the DiSC tip first, then the MBTI temperament tip; empty when none is recorded.</summary>
    /// <param name="personality">The profile.</param>
    /// <returns>Zero, one or two tips.</returns>
    public static IReadOnlyList<ApproachTip> For(Personality? personality)
    {
        if (personality is null)
        {
            return [];
        }

        var tips = new List<ApproachTip>(2);
        if (personality.Disc is { } d)
        {
            tips.Add(ForDisc(d));
        }

        if (personality.Mbti is { Code: not null } m)
        {
            tips.Add(ForTemperament(m.Temperament));
        }

        return tips;
    }

    private static LocalizedText T(string ja, string en) => new(ja, en);
}

namespace PartnerKarte.Karte;

/// <summary>The sales stage of a proposal.</summary>
public enum ProposalStage
{
    /// <summary>A lead the partner brought (リード).</summary>
    Lead = 0,
    /// <summary>Needs confirmed with the end customer (ヒアリング).</summary>
    Qualified = 1,
    /// <summary>A proposal was presented (提案).</summary>
    Proposal = 2,
    /// <summary>Price and terms are being negotiated (交渉).</summary>
    Negotiation = 3,
    /// <summary>Closed, won or lost (クローズ).</summary>
    Closed = 4,
}

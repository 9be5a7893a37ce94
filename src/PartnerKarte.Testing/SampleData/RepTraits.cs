namespace PartnerKarte.SampleData;

/// <summary>What happened to a rep's employment within the sample history.</summary>
internal enum RepCareer : byte
{
    Stable = 0,
    /// <summary>Moved to this partner from another partner company (two episodes, active now).</summary>
    JoinedFromOtherPartner = 1,
    /// <summary>Moved out of sales within the same company (異動).</summary>
    TransferredInternally = 2,
    /// <summary>Left the company (退職).</summary>
    Left = 3,
    /// <summary>On leave since the event day (休職・産休).</summary>
    OnLeave = 4,
}

/// <summary>Per-rep behaviour the interactions and proposals are drawn from; computed once, O(reps).</summary>
internal struct RepTraits
{
    public int Company;
    public int PreviousCompany;
    public int Owner;
    public RepCareer Career;
    public byte Archetype;
    public bool Cooling;
    public byte PreferredChannel;
    public int FromDay;
    public int EventDay;
    /// <summary>Last day the rep can appear in interactions (inclusive).</summary>
    public int LastActiveDay;
    public double LatencyMedianHours;
    public double Initiative;
    public double Reliability;
    public double Positivity;
    public double InquiryRate;
    public double Quality;
    public uint ExpertiseMask;
    public ushort InterestMask;
}

namespace PartnerKarte.SampleData;

/// <summary>The independent random streams of the generator; adding one never shifts the others.</summary>
internal enum SampleStream : byte
{
    CompanyCore = 1,
    CompanyDetail = 2,
    RepCore = 3,
    RepDetail = 4,
    ProposalCore = 5,
    ProposalDetail = 6,
    Interaction = 7,
    TeamMember = 8,
}

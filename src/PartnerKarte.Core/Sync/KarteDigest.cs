using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Sync;

/// <summary>
/// A rep in a <see cref="KarteDigest"/>: its trust events, in scoring order, and the reps its interactions count as
/// contacted for the company's completeness (itself when it has any, and the other participants).
/// </summary>
internal sealed record RepDigest(RepId Id, TrustEvent[] Events, string[] Contacts);

/// <summary>A proposal as the company KPIs read it.</summary>
internal sealed record ProposalDigest(DateOnly CreatedOn, DateOnly? ClosedOn, ProposalOutcome Outcome, decimal Amount, decimal? GrossProfit);

/// <summary>
/// What <see cref="KarteEnrichmentCalculator"/> reads of one company's karte (or of reps without their company), kept in the
/// karte mirror of the state store in a compact binary form. Evaluating a digest is how the calculator computes every
/// record, from a fresh read as from the mirror, so both give the same values.
/// </summary>
internal sealed class KarteDigest
{
    private const byte Version = 3;

    /// <summary>The company, or <see langword="null"/> for reps whose company is not in the store.</summary>
    public CompanyId? Company { get; init; }

    public PartnerContract? Contract { get; init; }

    public double CompletenessPercent { get; init; }

    public IReadOnlyList<ProposalDigest> Proposals { get; init; } = [];

    public IReadOnlyList<RepDigest> Reps { get; init; } = [];

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(Company is not null);
            if (Company is { } company)
            {
                w.Write(company.Value);
                w.Write(CompletenessPercent);
                w.Write(Contract is not null);
                if (Contract is { } k)
                {
                    w.Write((int)k.Type);
                    w.Write(k.Start.DayNumber);
                    Optional(w, k.TermMonths, w.Write);
                    Optional(w, k.End?.DayNumber, w.Write);
                    w.Write(k.AutoRenew);
                    Optional(w, k.CommissionRatePercent, w.Write);
                    Optional(w, k.CommissionReviewDate?.DayNumber, w.Write);
                }

                w.Write(Proposals.Count);
                foreach (var p in Proposals)
                {
                    w.Write(p.CreatedOn.DayNumber);
                    Optional(w, p.ClosedOn?.DayNumber, w.Write);
                    w.Write((byte)p.Outcome);
                    w.Write(p.Amount);
                    Optional(w, p.GrossProfit, w.Write);
                }
            }

            w.Write(Reps.Count);
            foreach (var rep in Reps)
            {
                w.Write(rep.Id.Value);
                w.Write(rep.Contacts.Length);
                foreach (var c in rep.Contacts)
                {
                    w.Write(c);
                }

                w.Write(rep.Events.Length);
                foreach (var e in rep.Events)
                {
                    w.Write((byte)e.Kind);
                    w.Write(e.Time);
                    w.Write((byte)e.Channel);
                    w.Write((byte)e.Initiator);
                    w.Write((byte)e.Purpose);
                    w.Write((byte)e.Reaction);
                    w.Write(e.LatencyHours);
                    w.Write(e.HasAction);
                    w.Write(e.OwnAction);
                    w.Write(e.Due);
                    w.Write(e.Resolved);
                    w.Write((byte)e.Outcome);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a digest back; <see langword="null"/> when the bytes are not a whole digest of this version.</summary>
    public static KarteDigest? TryRead(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
            if (r.ReadByte() != Version)
            {
                return null;
            }

            CompanyId? company = null;
            PartnerContract? contract = null;
            double completeness = 0;
            var proposals = new List<ProposalDigest>();
            if (r.ReadBoolean())
            {
                company = new CompanyId(r.ReadString());
                completeness = r.ReadDouble();
                if (r.ReadBoolean())
                {
                    contract = new PartnerContract
                    {
                        Type = (ContractType)r.ReadInt32(),
                        Start = DateOnly.FromDayNumber(r.ReadInt32()),
                        TermMonths = Optional(r, r.ReadInt32),
                        End = Optional(r, r.ReadInt32) is int end ? DateOnly.FromDayNumber(end) : null,
                        AutoRenew = r.ReadBoolean(),
                        CommissionRatePercent = Optional(r, r.ReadDecimal),
                        CommissionReviewDate = Optional(r, r.ReadInt32) is int review ? DateOnly.FromDayNumber(review) : null,
                    };
                }

                var count = Count(r, bytes.Length);
                for (var i = 0; i < count; i++)
                {
                    proposals.Add(new ProposalDigest(
                        DateOnly.FromDayNumber(r.ReadInt32()),
                        Optional(r, r.ReadInt32) is int closed ? DateOnly.FromDayNumber(closed) : null,
                        (ProposalOutcome)r.ReadByte(),
                        r.ReadDecimal(),
                        Optional(r, r.ReadDecimal)));
                }
            }

            var repCount = Count(r, bytes.Length);
            var reps = new List<RepDigest>(repCount);
            for (var i = 0; i < repCount; i++)
            {
                var id = new RepId(r.ReadString());
                var contacts = new string[Count(r, bytes.Length)];
                for (var j = 0; j < contacts.Length; j++)
                {
                    contacts[j] = r.ReadString();
                }

                var events = new TrustEvent[Count(r, bytes.Length)];
                for (var j = 0; j < events.Length; j++)
                {
                    events[j] = new TrustEvent(
                        kind: (TrustEventKind)r.ReadByte(),
                        repIndex: 0,
                        sourceIndex: j,
                        time: r.ReadDouble(),
                        channel: (InteractionChannel)r.ReadByte(),
                        initiator: (Initiator)r.ReadByte(),
                        purpose: (InteractionPurpose)r.ReadByte(),
                        reaction: (Reaction)r.ReadByte(),
                        latencyHours: r.ReadDouble(),
                        hasAction: r.ReadBoolean(),
                        ownAction: r.ReadBoolean(),
                        due: r.ReadDouble(),
                        resolved: r.ReadDouble(),
                        outcome: (ProposalOutcome)r.ReadByte());
                }

                reps.Add(new RepDigest(id, events, contacts));
            }

            if (r.BaseStream.Position != bytes.Length)
            {
                return null; // trailing bytes: not a digest this code wrote
            }

            return new KarteDigest { Company = company, Contract = contract, CompletenessPercent = completeness, Proposals = proposals, Reps = reps };
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static int Count(BinaryReader r, int length)
    {
        var n = r.ReadInt32();
        return n >= 0 && n <= length ? n : throw new FormatException("A count is out of range.");
    }

    private static void Optional<T>(BinaryWriter w, T? value, Action<T> write)
        where T : struct
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            write(v);
        }
    }

    private static T? Optional<T>(BinaryReader r, Func<T> read)
        where T : struct => r.ReadBoolean() ? read() : null;
}

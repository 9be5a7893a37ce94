using System.Text;
using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

// Persistence: the versioned binary form of a state (ToBytes / TrustScorer.RestoreState).
public sealed partial class RepTrustState
{
    /// <summary>Serialises the state (format version 1, little-endian) for storage between runs.</summary>
    /// <returns>The bytes; restore them with <see cref="TrustScorer.RestoreState"/>.</returns>
    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(_p.Fingerprint);
            w.Write(RepId.Value);
            w.Write(_anchor);
            Span<double> sums = stackalloc double[TrustSums.FieldCount];
            _settled.WriteTo(sums);
            foreach (var v in sums)
            {
                w.Write(v);
            }

            w.Write(_days.Count);
            for (var i = 0; i < _days.Count; i++)
            {
                ref readonly var day = ref _days.At(i);
                w.Write(day.Day);
                w.Write(day.Count);
            }

            w.Write(_pendingLength);
            for (var i = 0; i < _pendingLength; i++)
            {
                ref readonly var item = ref PendingAt(i);
                WriteEvent(w, item.Event);
                w.Write(item.Id);
            }

            var slots = TrustEvidence.FactorCount * _p.EvidencePerFactor;
            w.Write(slots);
            for (var i = 0; i < slots; i++)
            {
                // Newest first per factor, whatever the ring's head (a restored state starts with every head at 0).
                var k = _p.EvidencePerFactor;
                var entry = _evidence is null ? default : EvidenceSlot(_evidence, i / k, i % k);
                w.Write(entry.Id is not null);
                if (entry.Id is { } id)
                {
                    w.Write(id);
                    w.Write(entry.Time);
                }
            }
        }

        return ms.ToArray();
    }

    internal static RepTrustState Read(ReadOnlySpan<byte> data, TrustParameters p)
    {
        RepId? repId = null;
        try
        {
            using var ms = new MemoryStream(data.ToArray(), writable: false);
            using var r = new BinaryReader(ms, Encoding.UTF8);
            if (r.ReadInt32() != Magic)
            {
                throw new TrustStateException(null, "not a PartnerKarte trust state (bad magic number)");
            }

            var version = r.ReadByte();
            if (version != FormatVersion)
            {
                throw new TrustStateException(null, $"unsupported trust state format version {version} (expected {FormatVersion})");
            }

            var fingerprint = r.ReadUInt64();
            repId = new RepId(r.ReadString());
            if (fingerprint != p.Fingerprint)
            {
                throw new TrustStateException(repId, "the state was built under different scoring options (half-lives, trend window, reference latency, day offset, late credit or overdue-action horizon); rebuild it from history");
            }

            var anchor = r.ReadDouble();
            if (double.IsNaN(anchor) || double.IsPositiveInfinity(anchor))
            {
                throw new TrustStateException(repId, $"corrupt settled point {anchor}");
            }

            var s = new RepTrustState(repId.Value, p) { _anchor = anchor };
            Span<double> sums = stackalloc double[TrustSums.FieldCount];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = r.ReadDouble();
                if (double.IsNaN(sums[i]))
                {
                    throw new TrustStateException(repId, $"settled sum {i} is NaN");
                }
            }

            s._settled = TrustSums.ReadFrom(sums);
            var days = r.ReadInt32();
            if (days < 0 || days > data.Length)
            {
                throw new TrustStateException(repId, $"corrupt day count {days}");
            }

            var dayList = new DayCount[days];
            for (var i = 0; i < days; i++)
            {
                var entry = new DayCount { Day = r.ReadInt32(), Count = r.ReadInt32() };
                if (i > 0 && entry.Day <= dayList[i - 1].Day)
                {
                    // The day lookup is a binary search: an unordered list would silently count days twice.
                    throw new TrustStateException(repId, $"active days not in ascending order at entry {i} (day {entry.Day} after {dayList[i - 1].Day})");
                }

                if (entry.Count < 1)
                {
                    throw new TrustStateException(repId, $"active day {entry.Day} has {entry.Count} interactions");
                }

                dayList[i] = entry;
            }

            s._days.Restore(dayList, days);
            var pending = r.ReadInt32();
            if (pending < 0 || pending > data.Length)
            {
                throw new TrustStateException(repId, $"corrupt pending count {pending}");
            }

            for (var i = 0; i < pending; i++)
            {
                var e = ReadEvent(r);
                if (e.Kind is not (TrustEventKind.Interaction or TrustEventKind.Proposal))
                {
                    throw new TrustStateException(repId, $"pending event {i} has unknown kind {(int)e.Kind}");
                }

                s.Push(e, r.ReadString(), e.FinalTime(p.OverdueHorizon));
            }

            var evidence = r.ReadInt32();
            if (evidence < 0 || evidence % TrustEvidence.FactorCount != 0 || evidence > data.Length)
            {
                throw new TrustStateException(repId, $"corrupt evidence slot count {evidence}");
            }

            // Saved k entries per factor, newest first; keep the newest min(k, k now) of each (EvidencePerFactor is not part of the fingerprint).
            var savedK = evidence / TrustEvidence.FactorCount;
            var k = p.EvidencePerFactor;
            for (var i = 0; i < evidence; i++)
            {
                if (r.ReadBoolean())
                {
                    var id = r.ReadString();
                    var time = r.ReadDouble();
                    var (factor, rank) = Math.DivRem(i, savedK);
                    if (rank < k)
                    {
                        s._evidence ??= new EvidenceEntry[TrustEvidence.FactorCount * k];
                        s._evidence[(factor * k) + rank] = new EvidenceEntry(time, id);
                    }
                }
            }

            if (ms.Position != ms.Length)
            {
                throw new TrustStateException(repId, $"{ms.Length - ms.Position} unexpected bytes after the end");
            }

            return s;
        }
        catch (EndOfStreamException ex)
        {
            throw new TrustStateException(repId, "the trust state is truncated", ex);
        }
        catch (FormatException ex)
        {
            throw new TrustStateException(repId, "a string length is corrupt", ex);
        }
    }

    private static void WriteEvent(BinaryWriter w, in TrustEvent e)
    {
        w.Write((byte)e.Kind);
        w.Write(e.Time);
        w.Write((byte)e.Channel);
        w.Write((byte)e.Initiator);
        w.Write((byte)e.Purpose);
        w.Write((byte)e.Reaction);
        w.Write(e.LatencyHours);
        w.Write(e.HasAction);
        w.Write(e.Due);
        w.Write(e.Resolved);
        w.Write((byte)e.Outcome);
    }

    private static TrustEvent ReadEvent(BinaryReader r)
    {
        var kind = (TrustEventKind)r.ReadByte();
        var time = r.ReadDouble();
        var channel = (InteractionChannel)r.ReadByte();
        var initiator = (Initiator)r.ReadByte();
        var purpose = (InteractionPurpose)r.ReadByte();
        var reaction = (Reaction)r.ReadByte();
        var latency = r.ReadDouble();
        var hasAction = r.ReadBoolean();
        var due = r.ReadDouble();
        var resolved = r.ReadDouble();
        var outcome = (ProposalOutcome)r.ReadByte();
        return new TrustEvent(kind, 0, -1, time, channel, initiator, purpose, reaction, latency, hasAction, due, resolved, outcome);
    }
}

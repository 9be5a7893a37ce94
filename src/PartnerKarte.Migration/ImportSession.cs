using System.Globalization;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Text;
using PartnerKarte.Validation;

namespace PartnerKarte.Migration;

/// <summary>The state of one import: header mapping, matcher, merged records, report counters.</summary>
internal sealed partial class ImportSession
{
    private static readonly ImportField[] RepFields =
    [
        ImportField.RepId, ImportField.RepName, ImportField.RepFamilyName, ImportField.RepGivenName, ImportField.RepNameKana,
        ImportField.RepFamilyNameKana, ImportField.RepGivenNameKana, ImportField.RepTitle, ImportField.RepDepartment, ImportField.RepEmail,
        ImportField.RepPhone, ImportField.RepExpertise, ImportField.RepInterests, ImportField.Disc, ImportField.Mbti,
    ];

    // Validator field names → import fields, to name the column of a problem.
    private static readonly Dictionary<string, ImportField[]> ProblemFields = new(StringComparer.Ordinal)
    {
        ["Name"] = [ImportField.CompanyName],
        ["CorporateNumber"] = [ImportField.CorporateNumber],
        ["Profile.FiscalClosingMonth"] = [ImportField.FiscalClosingMonth],
        ["Profile.EmployeeCount"] = [ImportField.EmployeeCount],
        ["Profile.ExistingCustomerCount"] = [ImportField.ExistingCustomerCount],
        ["Profile.Revenue"] = [ImportField.Revenue],
        ["Profile.Capital"] = [ImportField.Capital],
        ["Profile.YearFounded"] = [ImportField.YearFounded],
        ["Contract.CommissionRatePercent"] = [ImportField.CommissionRate],
        ["Contract.TermMonths"] = [ImportField.ContractTermMonths],
        ["Contract.End"] = [ImportField.ContractEnd],
        ["Name.FamilyName"] = [ImportField.RepName, ImportField.RepFamilyName],
        ["Email"] = [ImportField.RepEmail],
        ["Phone"] = [ImportField.RepPhone],
    };

    // Review candidates listed per row: the best few (a common name can match hundreds of namesakes elsewhere).
    private const int MaxCandidatesPerRow = 3;

    private readonly ImportOptions options;
    private readonly KarteMatcher matcher = new();
    private readonly Dictionary<CompanyId, PartnerCompany> companies = [];
    private readonly List<CompanyId> companyOrder = [];
    private readonly Dictionary<RepId, PartnerRep> reps = [];
    private readonly List<RepId> repOrder = [];
    private readonly HashSet<CompanyId> existingCompanies = [];
    private readonly HashSet<RepId> existingReps = [];
    private readonly HashSet<CompanyId> touchedExistingCompanies = [];
    private readonly HashSet<RepId> touchedExistingReps = [];
    private readonly HashSet<string> acceptedRows = new(StringComparer.Ordinal);
    private readonly List<QuarantinedRow> rejected = [];
    private readonly List<ImportMerge> merges = [];
    private readonly List<string> unknownColumns = [];
    private readonly HashSet<int> keepSeparate;
    private readonly Dictionary<ImportField, List<int>> columnsByField = [];
    private readonly List<(int Index, KarteItemDefinition Item)> customColumns = [];
    // Rows repeat their company columns and many values (dates, amounts, names): each distinct cell is parsed once.
    private readonly Dictionary<ImportField, object> parseCaches = [];
    private readonly CellCache<string?> prefectures = new();
    private readonly CellCache<(string First, string Remainder)> names = new();
    private string[] headers = [];
    private string[]? firstHeaders;
    private bool hasHeader;
    private int rowsRead;
    private int duplicateRows;
    private int companiesCreated;
    private int companiesMerged;
    private int repsCreated;
    private int repsMerged;

    public ImportSession(ImportOptions options)
    {
        this.options = options;
        keepSeparate = [.. options.KeepSeparateLines];
        if (options.Existing is { } existing)
        {
            foreach (var c in existing.Companies)
            {
                companies[c.Id] = c;
                companyOrder.Add(c.Id);
                existingCompanies.Add(c.Id);
                matcher.AddOrUpdate(c);
            }

            foreach (var r in existing.Reps)
            {
                reps[r.Id] = r;
                repOrder.Add(r.Id);
                existingReps.Add(r.Id);
                matcher.AddOrUpdate(r);
            }
        }
    }

    public void Add(CsvRecord record)
    {
        var fields = record.Fields;
        if (IsBlank(fields))
        {
            return; // blank lines, above the header or between rows
        }

        if (deferred is not null)
        {
            deferred.Rows.Add(record);
            return;
        }

        if (skippingSheet)
        {
            return;
        }

        if (!hasHeader)
        {
            ReadHeader(record.LineNumber, fields);
            return;
        }

        rowsRead++;

        // Each cell is normalised once per row; the duplicate-row key and every field of the drafts reuse it.
        var normalized = new string[fields.Count];
        for (var i = 0; i < normalized.Length; i++)
        {
            normalized[i] = JapaneseText.Normalize(fields[i]);
        }

        var rowKey = currentSheet is null ? string.Join('\u001F', normalized) : currentSheet + '\u001E' + string.Join('\u001F', normalized);
        if (acceptedRows.Contains(rowKey))
        {
            duplicateRows++;
            return;
        }

        if (currentKind is ImportSheetKind.Proposals or ImportSheetKind.Interactions)
        {
            var problems = new List<(ImportRowPart Part, string? Column, string Reason)>();
            if (currentKind == ImportSheetKind.Proposals)
            {
                AddProposal(record, normalized, problems);
            }
            else
            {
                AddInteraction(record, normalized, problems);
            }

            if (problems.Count == 0)
            {
                acceptedRows.Add(rowKey);
            }
            else
            {
                Reject(record, problems[0].Part, problems);
            }

            return;
        }

        var row = new Row(this, record, normalized);
        if (!row.Has(ImportRowPart.Row) && !row.Has(ImportRowPart.Company))
        {
            Apply(row);
        }

        if (row.Problems.Count == 0)
        {
            acceptedRows.Add(rowKey);
            return;
        }

        // A bad rep part (an e-mail, a missing name) does not take the company down with it: the company was imported
        // above and only the rep part — or only the row's contact history — is listed as rejected.
        if (row.Has(ImportRowPart.Row) || row.Has(ImportRowPart.Company))
        {
            Reject(record, row.Has(ImportRowPart.Row) ? ImportRowPart.Row : ImportRowPart.Company, row.Problems);
            return;
        }

        foreach (var part in new[] { ImportRowPart.Rep, ImportRowPart.Interaction })
        {
            if (row.Has(part))
            {
                Reject(record, part, [.. row.Problems.Where(p => p.Part == part)]);
            }
        }
    }

    private void Reject(CsvRecord record, ImportRowPart part, List<(ImportRowPart Part, string? Column, string Reason)> problems)
    {
        var (_, column, reason) = problems[0];
        var all = problems.Count == 1
            ? reason
            : string.Join("; ", problems.Select(p => p.Column is null ? p.Reason : $"{p.Column}: {p.Reason}"));
        rejected.Add(new QuarantinedRow(record.LineNumber, column, new LocalizedText(ImportReasons.Ja(all), all), record.Fields)
        {
            Part = part,
            Sheet = currentSheet,
        });
    }

    private static bool IsBlank(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    public ImportResult Finish(ImportEncoding encoding)
    {
        FinishDeferredSheets();

        // Owners named only on rejected rows own nothing: they are not listed.
        var used = companies.Values.Select(c => c.OwnerId).Concat(reps.Values.Select(r => r.OwnerId)).Concat(proposals.Values.Select(p => p.OwnerId))
            .Concat(interactions.Values.Select(i => i.UserId)).OfType<UserId>().ToHashSet();
        newOwners.RemoveAll(o => !used.Contains(o.Id));
        var strictFailed = options.Strict && rejected.Count > 0;
        var report = new ImportReport
        {
            Encoding = encoding,
            RowsRead = rowsRead,
            DuplicateRows = duplicateRows,
            CompaniesCreated = companiesCreated,
            CompaniesUpdated = touchedExistingCompanies.Count,
            CompaniesMerged = companiesMerged,
            RepsCreated = repsCreated,
            RepsUpdated = touchedExistingReps.Count,
            RepsMerged = repsMerged,
            Merges = merges,
            Rejected = rejected,
            UnknownColumns = unknownColumns,
            Headers = firstHeaders ?? headers,
            SheetHeaders = sheetHeaders,
            StrictFailed = strictFailed,
            ProposalsCreated = proposalOrder.Count,
            InteractionsCreated = interactionOrder.Count,
            NewOwners = newOwners,
            CarriedOver = carriedOver,
            SkippedSheets = skippedSheets,
        };
        if (strictFailed)
        {
            return new ImportResult(KarteDataSet.Empty, report);
        }

        var data = new KarteDataSet
        {
            Companies = companyOrder.Where(id => !existingCompanies.Contains(id) || touchedExistingCompanies.Contains(id)).Select(id => companies[id]).ToArray(),
            Reps = repOrder.Where(id => !existingReps.Contains(id) || touchedExistingReps.Contains(id)).Select(id => reps[id]).ToArray(),
            Proposals = [.. proposalOrder.Select(id => proposals[id])],
            Interactions = [.. interactionOrder.Select(id => interactions[id])],
            TeamMembers = newOwners,
        };
        return new ImportResult(data, report);
    }

    private void ReadHeader(int lineNumber, IReadOnlyList<string> fields)
    {
        if (currentKind is null)
        {
            currentKind = DetectKind(fields);
            if (skippingSheet)
            {
                skippedSheets.Add(currentSheet!);
                return;
            }

            if (currentKind is ImportSheetKind.Proposals or ImportSheetKind.Interactions && !replaying)
            {
                // History rows link to companies and reps: they are read after every company and rep sheet.
                deferred = new DeferredSheet(currentSheet, currentKind.Value, [new CsvRecord(lineNumber, fields)]);
                deferredSheets.Add(deferred);
                return;
            }
        }

        hasHeader = true;
        headers = [.. fields];
        firstHeaders ??= headers;
        if (currentSheet is not null)
        {
            sheetHeaders[currentSheet] = headers;
        }

        columnsByField.Clear();
        customColumns.Clear();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++)
        {
            var header = headers[i];
            if (!string.IsNullOrWhiteSpace(header) && !seen.TryAdd(JapaneseText.Normalize(header), i))
            {
                // Which of two same-named columns holds the truth cannot be guessed; importing one would drop the other silently.
                var first = seen[JapaneseText.Normalize(header)];
                throw new CsvFormatException(
                    lineNumber,
                    $"見出し「{header}」が {first + 1} 列目と {i + 1} 列目の 2 回あります。どちらかの名前を変えるか削除してください",
                    $"the header '{header}' appears twice, in columns {first + 1} and {i + 1}; rename or remove one");
            }

            var column = options.Mapping.Find(header);
            if (column is null && options.Template is { } template)
            {
                var item = FindTemplateItem(template, header);
                if (item is not null)
                {
                    column = new ImportColumn(ImportField.CustomItem, item.Key);
                }
            }

            if (column is null)
            {
                if (!string.IsNullOrWhiteSpace(header))
                {
                    unknownColumns.Add(header);
                }

                continue;
            }

            if (column.Field == ImportField.CustomItem)
            {
                var item = options.Template?.Find(column.CustomItemKey!);
                if (item is null)
                {
                    unknownColumns.Add(header); // mapped to an item the template does not define
                    continue;
                }

                customColumns.Add((i, item));
                if (item.Key == NoteItems.ManualTrust)
                {
                    carriedOver.Add($"{header} → {item.Label.Ja} / {item.Label.En} (信頼スコアの計算には使いません / not used by the trust score)");
                }

                continue;
            }

            if (column.Field == ImportField.Ignore)
            {
                continue;
            }

            if (!AppliesTo(column.Field, currentKind ?? ImportSheetKind.Karte))
            {
                // A column this kind of sheet has no place for (金額 on the companies sheet) is reported, not dropped.
                unknownColumns.Add(currentSheet is null ? header : $"{currentSheet}: {header}");
                continue;
            }

            if (column.Field == ImportField.Note && (options.Template?.Find(NoteItems.Company) is null || options.Template?.Find(NoteItems.Rep) is null))
            {
                unknownColumns.Add(header); // a template without the note items has nowhere to keep 備考
                continue;
            }

            if (column.Field is ImportField.Note or ImportField.Owner or ImportField.Disc or ImportField.Mbti or ImportField.LastContact or ImportField.NextAction or ImportField.NextActionDue)
            {
                carriedOver.Add(currentSheet is null ? $"{header} → {Describe(column.Field)}" : $"{currentSheet}: {header} → {Describe(column.Field)}");
            }

            if (!columnsByField.TryGetValue(column.Field, out var list))
            {
                columnsByField[column.Field] = list = [];
            }

            list.Add(i);
        }
    }

    private static KarteItemDefinition? FindTemplateItem(KarteTemplate template, string header)
    {
        var key = JapaneseText.ToMatchKey(header);
        if (key.Length == 0)
        {
            return null;
        }

        var custom = template.Items.Where(i => i.Source == KarteItemSource.Custom).ToList();
        return custom.FirstOrDefault(i => JapaneseText.ToMatchKey(i.Key) == key || JapaneseText.ToMatchKey(i.Label.Ja) == key || JapaneseText.ToMatchKey(i.Label.En) == key)
            ?? custom.FirstOrDefault(i => LabelParts(i.Label.Ja).Concat(LabelParts(i.Label.En)).Any(p => JapaneseText.ToMatchKey(p) == key));
    }

    /// <summary>The parts of a label a sheet may use as its header: "自社への関心度（温度感）" is also "自社への関心度" and "温度感";
    /// "Interest in us (temperature)" is also "Interest in us" and "temperature".</summary>
    private static IEnumerable<string> LabelParts(string label)
    {
        var open = label.IndexOfAny(['（', '(']);
        if (open <= 0)
        {
            yield break;
        }

        yield return label[..open].Trim();
        var close = label.IndexOfAny(['）', ')'], open + 1);
        var inner = label[(open + 1)..(close > open ? close : label.Length)].Trim();
        if (inner.Length > 0)
        {
            yield return inner;
        }
    }

    private string? HeaderOf(ImportField field) =>
        columnsByField.TryGetValue(field, out var list) && list.Count > 0 && list[0] < headers.Length ? headers[list[0]] : null;

    private void Apply(Row row)
    {
        // Company: the same id, or a match above the threshold, or a new company.
        var draft = row.Company!;
        CompanyId companyId;
        IReadOnlyList<MatchCandidate<CompanyId>> found = [];
        IReadOnlyList<MatchCandidate<CompanyId>> similar = [];

        // The draft's match keys are computed once and serve the lookup, the new id and the index.
        var companyKeys = KarteMatcher.CompanyKeys.Of(draft);
        if (row.ExplicitCompanyId is { } explicitId && companies.ContainsKey(explicitId))
        {
            found = [new MatchCandidate<CompanyId>(explicitId, 1.0, [])];
        }
        else
        {
            // A line kept separate (a reversed merge) is never merged, but its look-alikes stay listed for review.
            var all = matcher.FindCompanies(companyKeys, draft.Id, options.ReviewThreshold);
            found = keepSeparate.Contains(row.LineNumber) ? [] : [.. all.Where(c => c.Score >= options.MergeThreshold)];
            similar = all;
        }

        if (found.Count > 0)
        {
            var best = found[0];
            companyId = best.Id;
            var survivor = companies[companyId];
            var sameSpelling = JapaneseText.Normalize(survivor.Name) == JapaneseText.Normalize(draft.Name);
            var isExisting = existingCompanies.Contains(companyId);
            if (!sameSpelling && options.OnDuplicate == DuplicateHandling.Fail)
            {
                row.Problems.Add((ImportRowPart.Row, HeaderOf(ImportField.CompanyName), $"company is a duplicate of {companyId} (score {best.Score.ToString("0.00", CultureInfo.InvariantCulture)}) and duplicates are set to fail"));
                return;
            }

            if (!sameSpelling && options.OnDuplicate == DuplicateHandling.Skip)
            {
                merges.Add(new ImportMerge(ImportMergeKind.Skipped, row.LineNumber, companyId.Value, draft.Name, best.Score, best.Reasons));
            }
            else
            {
                var merged = Merge(survivor, draft);
                if (isExisting && touchedExistingCompanies.Add(companyId))
                {
                    merges.Add(new ImportMerge(ImportMergeKind.CompanyUpdatesExisting, row.LineNumber, companyId.Value, draft.Name, best.Score, best.Reasons));
                }
                else if (!sameSpelling)
                {
                    companiesMerged++;
                    merges.Add(new ImportMerge(ImportMergeKind.CompanyMerged, row.LineNumber, companyId.Value, draft.Name, best.Score, best.Reasons));
                }

                if (!merged.Equals(survivor))
                {
                    companies[companyId] = merged;
                    matcher.AddOrUpdate(merged);
                }
            }
        }
        else
        {
            companyId = row.ExplicitCompanyId ?? NewCompanyId(draft, companyKeys.Name);
            foreach (var c in similar.Take(MaxCandidatesPerRow))
            {
                merges.Add(new ImportMerge(ImportMergeKind.Candidate, row.LineNumber, c.Id.Value, draft.Name, c.Score, c.Reasons));
            }

            var created = draft with { Id = companyId };
            companies[companyId] = created;
            companyOrder.Add(companyId);
            matcher.AddOrUpdate(companyId, companyKeys);
            companiesCreated++;
        }

        if (row.Rep is not { } draftRep || row.Has(ImportRowPart.Rep))
        {
            return;
        }

        if (ApplyRep(row, draftRep, companyId) is { } finalRepId && !row.Has(ImportRowPart.Interaction))
        {
            AddRowInteraction(row, finalRepId);
        }
    }

    /// <summary>The rep part of a row whose company is <paramref name="companyId"/>: merged, skipped or created.</summary>
    /// <returns>The rep's id, or <see langword="null"/> when the rep was refused (duplicates set to fail).</returns>
    private RepId? ApplyRep(Row row, PartnerRep repDraft, CompanyId companyId)
    {
        repDraft = repDraft with { CompanyId = companyId };
        var repKeys = KarteMatcher.RepKeys.Of(repDraft);
        List<MatchCandidate<RepId>> repFound = [];
        IReadOnlyList<MatchCandidate<RepId>> repSimilar = [];
        if (row.ExplicitRepId is { } explicitRep && reps.ContainsKey(explicitRep))
        {
            repFound = [new MatchCandidate<RepId>(explicitRep, 1.0, [])];
        }
        else
        {
            repSimilar = matcher.FindReps(repKeys, repDraft.Id, options.ReviewThreshold);

            // Only a rep at the same (deduplicated) company is merged automatically: the same name and phone at
            // another company is a different row's person until a transfer is recorded explicitly, and merging
            // across companies would drop the other company's rep.
            repFound = keepSeparate.Contains(row.LineNumber) ? []
                : [.. repSimilar.Where(c => c.Score >= options.MergeThreshold && reps.TryGetValue(c.Id, out var other) && other.CompanyId == companyId)];
        }

        if (repFound.Count > 0)
        {
            var best = repFound[0];
            var survivor = reps[best.Id];
            if (options.OnDuplicate == DuplicateHandling.Fail)
            {
                row.Problems.Add((ImportRowPart.Rep, HeaderOf(ImportField.RepEmail) ?? HeaderOf(ImportField.RepName), $"rep is a duplicate of {best.Id} (score {best.Score.ToString("0.00", CultureInfo.InvariantCulture)}) and duplicates are set to fail"));
                return null;
            }

            if (options.OnDuplicate == DuplicateHandling.Skip)
            {
                merges.Add(new ImportMerge(ImportMergeKind.Skipped, row.LineNumber, best.Id.Value, repDraft.Name.Display, best.Score, best.Reasons));
                return best.Id;
            }

            var merged = Merge(survivor, repDraft);
            if (existingReps.Contains(best.Id))
            {
                if (touchedExistingReps.Add(best.Id))
                {
                    merges.Add(new ImportMerge(ImportMergeKind.RepUpdatesExisting, row.LineNumber, best.Id.Value, repDraft.Name.Display, best.Score, best.Reasons));
                }
            }
            else
            {
                repsMerged++;
                merges.Add(new ImportMerge(ImportMergeKind.RepMerged, row.LineNumber, best.Id.Value, repDraft.Name.Display, best.Score, best.Reasons));
            }

            if (!merged.Equals(survivor))
            {
                reps[best.Id] = merged;
                matcher.AddOrUpdate(merged);
            }

            return best.Id;
        }

        var repId = row.ExplicitRepId ?? NewRepId(repDraft, repKeys);
        foreach (var c in repSimilar.Take(MaxCandidatesPerRow))
        {
            merges.Add(new ImportMerge(ImportMergeKind.Candidate, row.LineNumber, c.Id.Value, repDraft.Name.Display, c.Score, c.Reasons));
        }

        var rep = repDraft with { Id = repId };
        reps[repId] = rep;
        repOrder.Add(repId);
        matcher.AddOrUpdate(repId, repKeys);
        repsCreated++;
        return repId;
    }

    /// <param name="company">The new company.</param>
    /// <param name="nameKey">Its name's match key (<see cref="CompanyName.Key"/>).</param>
    private CompanyId NewCompanyId(PartnerCompany company, string nameKey)
    {
        var basis = CorporateNumber.Normalize(company.CorporateNumber) ?? nameKey;
        var id = new CompanyId("C-" + Hash(basis));
        for (var i = 2; companies.ContainsKey(id); i++)
        {
            id = new CompanyId("C-" + Hash(basis + "#" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return id;
    }

    /// <param name="rep">The new rep.</param>
    /// <param name="keys">Its match keys: the email's match key, else the name's.</param>
    private RepId NewRepId(PartnerRep rep, KarteMatcher.RepKeys keys)
    {
        var who = keys.Email ?? keys.Name;
        var basis = rep.CompanyId.Value + "|" + who;
        var id = new RepId("R-" + Hash(basis));
        for (var i = 2; reps.ContainsKey(id); i++)
        {
            id = new RepId("R-" + Hash(basis + "#" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return id;
    }

    /// <summary>The first 8 bytes of the SHA-256 of the text's UTF-8, in lower-case hex.</summary>
    private static string Hash(string text) => ContentHash.IdOf(text);

    private static PartnerCompany Merge(PartnerCompany a, PartnerCompany b) => a with
    {
        NameKana = a.NameKana ?? b.NameKana,
        CorporateNumber = a.CorporateNumber ?? b.CorporateNumber,
        Profile = a.Profile with
        {
            Industry = a.Profile.Industry ?? b.Profile.Industry,
            Prefecture = a.Profile.Prefecture ?? b.Profile.Prefecture,
            Address = a.Profile.Address ?? b.Profile.Address,
            EmployeeCount = a.Profile.EmployeeCount ?? b.Profile.EmployeeCount,
            YearFounded = a.Profile.YearFounded ?? b.Profile.YearFounded,
            Revenue = a.Profile.Revenue ?? b.Profile.Revenue,
            Capital = a.Profile.Capital ?? b.Profile.Capital,
            FiscalClosingMonth = a.Profile.FiscalClosingMonth ?? b.Profile.FiscalClosingMonth,
            ExistingCustomerCount = a.Profile.ExistingCustomerCount ?? b.Profile.ExistingCustomerCount,
            CustomerSegments = Union(a.Profile.CustomerSegments, b.Profile.CustomerSegments),
            Domain = a.Profile.Domain ?? b.Profile.Domain,
        },
        BusinessPolicy = a.BusinessPolicy ?? b.BusinessPolicy,
        Strengths = a.Strengths ?? b.Strengths,
        Challenges = a.Challenges ?? b.Challenges,
        Contract = a.Contract ?? b.Contract,
        OwnerId = a.OwnerId ?? b.OwnerId,
        CustomItems = Union(a.CustomItems, b.CustomItems),
    };

    private static PartnerRep Merge(PartnerRep a, PartnerRep b) => a with
    {
        Name = a.Name with
        {
            FamilyNameKana = a.Name.FamilyNameKana ?? b.Name.FamilyNameKana,
            GivenNameKana = a.Name.GivenNameKana ?? b.Name.GivenNameKana,
        },
        Title = a.Title ?? b.Title,
        Department = a.Department ?? b.Department,
        Email = a.Email ?? b.Email,
        Phone = a.Phone ?? b.Phone,
        ExpertiseTags = Union(a.ExpertiseTags, b.ExpertiseTags),
        InterestTags = Union(a.InterestTags, b.InterestTags),
        Personality = new Personality(a.Personality.Disc ?? b.Personality.Disc, a.Personality.Mbti ?? b.Personality.Mbti, a.Personality.Note ?? b.Personality.Note) is var p && p == Personality.None ? Personality.None : p,
        OwnerId = a.OwnerId ?? b.OwnerId,
        CustomItems = Union(a.CustomItems, b.CustomItems),
    };

    private static IReadOnlyList<string> Union(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        b.Count == 0 || b.All(a.Contains) ? a : [.. a.Union(b, StringComparer.Ordinal)];

    private static IReadOnlyDictionary<string, KarteValue> Union(IReadOnlyDictionary<string, KarteValue> a, IReadOnlyDictionary<string, KarteValue> b)
    {
        if (b.Count == 0 || b.All(kv => a.TryGetValue(kv.Key, out var v) && (v.Equals(kv.Value) || !NoteItems.IsNote(kv.Key) || (v.Text ?? string.Empty).Contains(kv.Value.Text ?? string.Empty, StringComparison.Ordinal))))
        {
            return a;
        }

        var merged = new Dictionary<string, KarteValue>(a, StringComparer.Ordinal);
        foreach (var (key, value) in b)
        {
            if (!merged.TryAdd(key, value) && NoteItems.IsNote(key) && merged[key].Text is { } first && value.Text is { } more && !first.Contains(more, StringComparison.Ordinal))
            {
                // Notes of several rows of one company or rep are all kept, one after the other.
                merged[key] = KarteValue.FromText(first + "\n" + more, multiline: true);
            }
        }

        return merged;
    }

    private delegate bool TryParser<T>(string text, out T value);

    private ParseCache<T> CacheOf<T>(ImportField field)
        where T : struct
    {
        if (!parseCaches.TryGetValue(field, out var cache))
        {
            parseCaches[field] = cache = new ParseCache<T>();
        }

        return (ParseCache<T>)cache;
    }

    /// <summary>Results of a pure function of a cell's text, per distinct text; bounded (cleared when full) so
    /// columns of unique values cost a lookup, not memory.</summary>
    private class CellCache<T>
    {
        private const int MaxEntries = 4096;
        private readonly Dictionary<string, T> results = new(StringComparer.Ordinal);

        public T Get(string text, Func<string, T> compute)
        {
            if (!results.TryGetValue(text, out var result))
            {
                result = compute(text);
                Set(text, result);
            }

            return result;
        }

        protected bool TryGet(string text, out T result) => results.TryGetValue(text, out result!);

        protected void Set(string text, T result)
        {
            if (results.Count >= MaxEntries)
            {
                results.Clear();
            }

            results[text] = result;
        }
    }

    /// <summary>A <see cref="CellCache{T}"/> of a parser's outcome.</summary>
    private sealed class ParseCache<T> : CellCache<(bool Ok, T Value)>
        where T : struct
    {
        public bool TryParse(string text, TryParser<T> parser, out T value)
        {
            if (!TryGet(text, out var result))
            {
                result.Ok = parser(text, out result.Value);
                Set(text, result);
            }

            value = result.Value;
            return result.Ok;
        }
    }

    /// <summary>One data row parsed into draft records, with the problems found.</summary>
    private sealed class Row
    {
        private readonly ImportSession session;
        private readonly IReadOnlyList<string> fields;
        private readonly string[] normalized;

        public Row(ImportSession session, CsvRecord record, string[] normalized)
        {
            this.session = session;
            fields = record.Fields;
            this.normalized = normalized;
            LineNumber = record.LineNumber;
            var label = $"line {LineNumber.ToString(CultureInfo.InvariantCulture)}";
            part = ImportRowPart.Company;
            Company = BuildCompany(label);
            part = ImportRowPart.Rep;
            Rep = RepFields.Any(f => Cell(f) is not null) ? BuildRep(label) : null;
            AddCustomItems();
            part = ImportRowPart.Interaction;
            ReadHistory();
            if (!Has(ImportRowPart.Company))
            {
                part = ImportRowPart.Company;
                foreach (var p in KarteValidator.Validate(Company))
                {
                    AddProblem(p);
                }
            }

            if (Rep is not null && !Has(ImportRowPart.Rep))
            {
                part = ImportRowPart.Rep;
                foreach (var p in KarteValidator.Validate(Rep))
                {
                    AddProblem(p);
                }
            }
        }

        /// <summary>The part the problems found now belong to.</summary>
        private ImportRowPart part;

        public DateOnly? LastContact { get; private set; }

        public string? NextActionText { get; private set; }

        public DateOnly? NextActionDue { get; private set; }

        public UserId? Owner { get; private set; }

        public bool Has(ImportRowPart which) => Problems.Exists(p => p.Part == which);

        public int LineNumber { get; }

        public PartnerCompany? Company { get; private set; }

        public PartnerRep? Rep { get; private set; }

        public CompanyId? ExplicitCompanyId { get; private set; }

        public RepId? ExplicitRepId { get; private set; }

        public List<(ImportRowPart Part, string? Column, string Reason)> Problems { get; } = [];

        private string? Cell(ImportField field)
        {
            if (!session.columnsByField.TryGetValue(field, out var list))
            {
                return null;
            }

            foreach (var i in list)
            {
                if (i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]))
                {
                    return normalized[i];
                }
            }

            return null;
        }

        private T? Parse<T>(ImportField field, TryParser<T> parser, string what)
            where T : struct
        {
            var cell = Cell(field);
            if (cell is null)
            {
                return null;
            }

            if (session.CacheOf<T>(field).TryParse(cell, parser, out var value))
            {
                return value;
            }

            Problems.Add((part, session.HeaderOf(field), $"not {what}"));
            return null;
        }


        private PartnerCompany BuildCompany(string record)
        {
            var name = Cell(ImportField.CompanyName);
            if (name is null)
            {
                Problems.Add((part, session.HeaderOf(ImportField.CompanyName), session.HeaderOf(ImportField.CompanyName) is null
                    ? "the file has no company name column (会社名)"
                    : "company name is required"));
            }

            if (Cell(ImportField.CompanyId) is { } explicitId)
            {
                ExplicitCompanyId = new CompanyId(explicitId);
            }

            var address = Cell(ImportField.Address);
            var start = Parse<DateOnly>(ImportField.ContractStart, ImportValues.TryDate, "a date");
            var term = Parse<int>(ImportField.ContractTermMonths, ImportValues.TryTermMonths, "a term in months");
            var end = Parse<DateOnly>(ImportField.ContractEnd, ImportValues.TryDate, "a date");
            var rate = Parse<decimal>(ImportField.CommissionRate, ImportValues.TryDecimal, "a percentage");
            var type = Parse<ContractType>(ImportField.ContractType, ImportValues.TryContractType, "a contract type (紹介, 再販, OEM)");
            var autoRenew = Parse<bool>(ImportField.ContractAutoRenew, ImportValues.TryBoolean, "yes or no");
            var conditions = Cell(ImportField.SalesConditions);
            PartnerContract? contract = null;
            if (start is not null || term is not null || end is not null || rate is not null || type is not null || conditions is not null)
            {
                if (start is null)
                {
                    Problems.Add((part, session.HeaderOf(ImportField.ContractStart), "contract terms need a contract start date"));
                }
                else
                {
                    contract = new PartnerContract
                    {
                        Type = type ?? ContractType.Referral, Start = start.Value, TermMonths = term, End = end,
                        AutoRenew = autoRenew ?? false, CommissionRatePercent = rate, SalesConditions = conditions,
                    };
                }
            }

            Owner = Cell(ImportField.Owner) is { } owner ? session.ResolveOwner(owner) : (UserId?)null;
            return new PartnerCompany
            {
                Id = new CompanyId(record),
                OwnerId = Owner,
                Name = name ?? string.Empty,
                NameKana = Cell(ImportField.CompanyNameKana) is { } kana ? JapaneseText.ToKatakana(kana) : null,
                CorporateNumber = Cell(ImportField.CorporateNumber) is { } cn ? CorporateNumber.Normalize(cn) ?? cn : null,
                Profile = new CompanyProfile
                {
                    Industry = Cell(ImportField.Industry),
                    Prefecture = Cell(ImportField.Prefecture) ?? (address is null ? null : session.prefectures.Get(address, ImportValues.PrefectureOf)),
                    Address = address,
                    EmployeeCount = Parse<int>(ImportField.EmployeeCount, ImportValues.TryInt, "a whole number"),
                    YearFounded = Parse<int>(ImportField.YearFounded, ImportValues.TryYear, "a year"),
                    Revenue = Parse<decimal>(ImportField.Revenue, ImportValues.TryMoney, "an amount in yen"),
                    Capital = Parse<decimal>(ImportField.Capital, ImportValues.TryMoney, "an amount in yen"),
                    FiscalClosingMonth = Parse<int>(ImportField.FiscalClosingMonth, ImportValues.TryMonth, "a month"),
                    ExistingCustomerCount = Parse<int>(ImportField.ExistingCustomerCount, ImportValues.TryInt, "a whole number"),
                    CustomerSegments = Cell(ImportField.CustomerSegments) is { } seg ? ImportValues.Tags(seg) : [],
                    Domain = Cell(ImportField.Domain) is { } d ? KarteMatcher.NormalizeDomain(d) ?? d : DomainFromEmail(),
                },
                BusinessPolicy = Cell(ImportField.BusinessPolicy),
                Strengths = Cell(ImportField.Strengths),
                Challenges = Cell(ImportField.Challenges),
                Contract = contract,
            };
        }

        private string? DomainFromEmail() =>
            EmailAddress.TryParse(Cell(ImportField.RepEmail), out var email) && !email.IsFreeMail ? email.Domain : null;

        private PartnerRep BuildRep(string record)
        {
            string family, given;
            if (Cell(ImportField.RepFamilyName) is { } f)
            {
                (family, given) = (f, Cell(ImportField.RepGivenName) ?? string.Empty);
            }
            else if (Cell(ImportField.RepName) is { } full)
            {
                (family, given) = session.names.Get(full, ImportValues.SplitName);
            }
            else
            {
                (family, given) = (string.Empty, Cell(ImportField.RepGivenName) ?? string.Empty);
            }

            string? familyKana = null, givenKana = null;
            if (Cell(ImportField.RepFamilyNameKana) is { } fk)
            {
                (familyKana, givenKana) = (JapaneseText.ToKatakana(fk), JapaneseText.ToKatakana(Cell(ImportField.RepGivenNameKana)));
            }
            else if (Cell(ImportField.RepNameKana) is { } kana)
            {
                var (a, b) = session.names.Get(JapaneseText.ToKatakana(kana), ImportValues.SplitName);
                (familyKana, givenKana) = (a, b.Length == 0 ? null : b);
            }

            if (Cell(ImportField.RepId) is { } explicitId)
            {
                ExplicitRepId = new RepId(explicitId);
            }

            var email = Cell(ImportField.RepEmail);
            var phone = Cell(ImportField.RepPhone);
            var disc = Parse<DiscStyle>(ImportField.Disc, ImportValues.TryDisc, "a DiSC style (D, I, S, C)");
            MbtiType? mbti = null;
            if (Cell(ImportField.Mbti) is { } mbtiText)
            {
                if (MbtiType.TryParse(mbtiText, out var m))
                {
                    mbti = m;
                }
                else
                {
                    Problems.Add((part, session.HeaderOf(ImportField.Mbti), "not an MBTI type (four letters such as ENTJ)"));
                }
            }

            return new PartnerRep
            {
                OwnerId = Owner,
                Personality = disc is null && mbti is null ? Personality.None : new Personality(disc, mbti),
                Id = new RepId(record),
                CompanyId = new CompanyId(record),
                Name = new PersonName(family, given, familyKana, givenKana),
                Title = Cell(ImportField.RepTitle),
                Department = Cell(ImportField.RepDepartment),
                Email = email is null ? null : EmailAddress.Normalize(email) ?? email,
                Phone = phone is null ? null : JapanesePhoneNumber.Normalize(phone) ?? phone,
                ExpertiseTags = Cell(ImportField.RepExpertise) is { } ex ? ImportValues.Tags(ex) : [],
                InterestTags = Cell(ImportField.RepInterests) is { } it ? ImportValues.Tags(it) : [],
            };
        }

        private void AddCustomItems()
        {
            if (session.columnsByField.TryGetValue(ImportField.Note, out var noteColumns))
            {
                // 備考 is the rep's note on a row with a rep, else the company's; several note columns are kept one after the other.
                var texts = noteColumns.Where(i => i < fields.Count && !string.IsNullOrWhiteSpace(fields[i])).Select(i => fields[i].Trim()).ToList();
                if (texts.Count > 0)
                {
                    var note = KarteValue.FromText(string.Join("\n", texts), multiline: true);
                    if (Rep is not null)
                    {
                        Rep = Rep with { CustomItems = new Dictionary<string, KarteValue>(StringComparer.Ordinal) { [NoteItems.Rep] = note } };
                    }
                    else if (Company is not null)
                    {
                        Company = Company with { CustomItems = new Dictionary<string, KarteValue>(StringComparer.Ordinal) { [NoteItems.Company] = note } };
                    }
                }
            }

            if (session.customColumns.Count == 0)
            {
                return;
            }

            var companyItems = new Dictionary<string, KarteValue>(StringComparer.Ordinal);
            var repItems = new Dictionary<string, KarteValue>(StringComparer.Ordinal);
            foreach (var (index, item) in session.customColumns)
            {
                if (index >= fields.Count || string.IsNullOrWhiteSpace(fields[index]))
                {
                    continue;
                }

                var header = session.headers[index];
                var text = item.Type == KarteItemType.LongText ? fields[index].Trim() : normalized[index];
                var value = ToValue(item, text);
                var problem = value is null ? $"not a valid {item.Type} value" : item.CheckValue(value);
                if (problem is not null)
                {
                    Problems.Add((item.Level == KarteLevel.Company ? ImportRowPart.Company : ImportRowPart.Rep, header, problem));
                    continue;
                }

                (item.Level == KarteLevel.Company ? companyItems : repItems)[item.Key] = value!;
            }

            if (companyItems.Count > 0 && Company is not null)
            {
                foreach (var (k, v) in Company.CustomItems)
                {
                    companyItems.TryAdd(k, v);
                }

                Company = Company with { CustomItems = companyItems };
            }

            if (repItems.Count > 0)
            {
                if (Rep is null)
                {
                    Problems.Add((ImportRowPart.Rep, null, "rep items are filled but the row has no rep"));
                }
                else
                {
                    foreach (var (k, v) in Rep.CustomItems)
                    {
                        repItems.TryAdd(k, v);
                    }

                    Rep = Rep with { CustomItems = repItems };
                }
            }
        }

        private static KarteValue? ToValue(KarteItemDefinition item, string text) => item.Type switch
        {
            KarteItemType.Text => KarteValue.FromText(text),
            KarteItemType.LongText => KarteValue.FromText(text, multiline: true),
            KarteItemType.Integer or KarteItemType.Number or KarteItemType.Percent =>
                ImportValues.TryDecimal(text, out var d) ? KarteValue.FromNumber(d, item.Type) : null,
            KarteItemType.Money => ImportValues.TryMoney(text, out var m) ? KarteValue.FromNumber(m, KarteItemType.Money) : null,
            KarteItemType.Boolean => ImportValues.TryBoolean(text, out var b) ? KarteValue.FromBoolean(b) : null,
            KarteItemType.Date => ImportValues.TryDate(text, out var date) ? KarteValue.FromDate(date) : null,
            KarteItemType.Choice => item.FindChoice(text) is { } c ? KarteValue.FromChoice(c.Key) : null,
            KarteItemType.MultiChoice => ImportValues.Tags(text).Select(t => item.FindChoice(t)?.Key).ToArray() is var keys && keys.All(k => k is not null)
                ? KarteValue.FromItems(keys!, tags: false)
                : null,
            _ => KarteValue.FromItems(ImportValues.Tags(text)),
        };

        private void AddProblem(ValidationProblem problem)
        {
            string? column = null;
            if (ProblemFields.TryGetValue(problem.Field, out var candidates))
            {
                column = candidates.Select(session.HeaderOf).FirstOrDefault(h => h is not null);
            }
            else if (problem.Field.StartsWith("Contract.", StringComparison.Ordinal))
            {
                column = session.HeaderOf(ImportField.ContractStart);
            }

            Problems.Add((part, column, problem.Reason));
        }

        /// <summary>最終接触日, 次回アクション and its 期日: the rep's contact history, added once the rep is imported.</summary>
        private void ReadHistory()
        {
            LastContact = Parse<DateOnly>(ImportField.LastContact, ImportValues.TryDate, "a date");
            NextActionDue = Parse<DateOnly>(ImportField.NextActionDue, ImportValues.TryDate, "a date");
            NextActionText = Cell(ImportField.NextAction);
            if (NextActionText is null && NextActionDue is not null)
            {
                Problems.Add((part, session.HeaderOf(ImportField.NextActionDue), "a due date needs a next action (次回アクション)"));
            }

            if ((LastContact is not null || NextActionText is not null) && Rep is null)
            {
                Problems.Add((part, session.HeaderOf(ImportField.LastContact) ?? session.HeaderOf(ImportField.NextAction), "contact history needs a rep"));
            }

            if (LastContact is { } on && NextActionDue is { } due && due < on)
            {
                Problems.Add((part, session.HeaderOf(ImportField.NextActionDue), "next action is due before the interaction took place"));
            }
        }
    }
}

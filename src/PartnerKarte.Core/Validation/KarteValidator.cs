using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Text;

namespace PartnerKarte.Validation;

/// <summary>
/// Checks karte records that came from outside (files, CRMs, forms) and returns every problem found as a
/// <see cref="ValidationProblem"/> instead of throwing, so good records can proceed and each bad one is
/// reported by record, field and reason. Exceptions are thrown only for programmer errors (a
/// <see langword="null"/> argument). Stateless and thread-safe.
/// </summary>
public static class KarteValidator
{
    /// <summary>Checks a company: id and name present, corporate number check digit, fiscal closing month
    /// 1–12, counts and amounts not negative, contract dates in order, commission rate 0–100 %.</summary>
    /// <param name="company">The company.</param>
    /// <returns>The problems; empty when the company is valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(PartnerCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var problems = new List<ValidationProblem>();
        var record = RecordOf("company", company.Id.Value);
        RequireId(problems, record, "Id", company.Id.Value);
        RequireText(problems, record, "Name", company.Name);

        if (!string.IsNullOrWhiteSpace(company.CorporateNumber) && CorporateNumber.Check(company.CorporateNumber) is { } cn)
        {
            problems.Add(new(record, "CorporateNumber", company.CorporateNumber, cn));
        }

        var profile = company.Profile;
        if (profile is not null)
        {
            if (profile.FiscalClosingMonth is { } month && month is < 1 or > 12)
            {
                problems.Add(new(record, "Profile.FiscalClosingMonth", Text(month), "fiscal closing month must be 1–12"));
            }

            NotNegative(problems, record, "Profile.EmployeeCount", profile.EmployeeCount);
            NotNegative(problems, record, "Profile.ExistingCustomerCount", profile.ExistingCustomerCount);
            NotNegative(problems, record, "Profile.Revenue", profile.Revenue);
            NotNegative(problems, record, "Profile.Capital", profile.Capital);
            if (profile.YearFounded is { } year && year is < 1000 or > 9999)
            {
                problems.Add(new(record, "Profile.YearFounded", Text(year), "year founded must be a four-digit year"));
            }
        }

        if (company.Contract is { } contract)
        {
            ValidateContract(problems, record, contract);
        }

        return problems;
    }

    /// <summary>Checks a rep: id, company and family name present, email and Japanese phone number, employment
    /// episodes each in order, sorted, not overlapping, only the last one open, and the open one at the rep's company.</summary>
    /// <param name="rep">The rep.</param>
    /// <returns>The problems; empty when the rep is valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(PartnerRep rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var problems = new List<ValidationProblem>();
        var record = RecordOf("rep", rep.Id.Value);
        RequireId(problems, record, "Id", rep.Id.Value);
        RequireId(problems, record, "CompanyId", rep.CompanyId.Value);
        if (rep.Name is null)
        {
            problems.Add(new(record, "Name", null, "name is required"));
        }
        else
        {
            RequireText(problems, record, "Name.FamilyName", rep.Name.FamilyName);
        }

        if (!string.IsNullOrWhiteSpace(rep.Email) && EmailAddress.Parse(rep.Email, out var emailReason) is null)
        {
            problems.Add(new(record, "Email", rep.Email, emailReason!));
        }

        if (!string.IsNullOrWhiteSpace(rep.Phone) && JapanesePhoneNumber.Parse(rep.Phone, out var phoneReason) is null)
        {
            problems.Add(new(record, "Phone", rep.Phone, phoneReason!));
        }

        ValidateEmployment(problems, record, rep);
        return problems;
    }

    /// <summary>Checks a proposal: ids and offer present, amounts not negative, created ≤ closed, a won or lost
    /// proposal has a closing date and an open one has none, the Closed stage only with an outcome, and a loss
    /// reason only on a lost proposal.</summary>
    /// <param name="proposal">The proposal.</param>
    /// <returns>The problems; empty when the proposal is valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var problems = new List<ValidationProblem>();
        var record = RecordOf("proposal", proposal.Id.Value);
        RequireId(problems, record, "Id", proposal.Id.Value);
        RequireId(problems, record, "CompanyId", proposal.CompanyId.Value);
        if (proposal.RepId is { } repId)
        {
            RequireId(problems, record, "RepId", repId.Value);
        }

        RequireText(problems, record, "Offer", proposal.Offer);
        NotNegative(problems, record, "Amount", proposal.Amount);

        if (proposal.ClosedOn is { } closed && closed < proposal.CreatedOn)
        {
            problems.Add(new(record, "ClosedOn", Text(closed), "closing date is before the creation date"));
        }

        if (!Enum.IsDefined(proposal.Outcome))
        {
            problems.Add(new(record, "Outcome", Text((int)proposal.Outcome), "unknown outcome"));
        }
        else if (proposal.Outcome != ProposalOutcome.Open && proposal.ClosedOn is null)
        {
            problems.Add(new(record, "ClosedOn", null, "a won or lost proposal needs a closing date"));
        }
        else if (proposal.Outcome == ProposalOutcome.Open && proposal.ClosedOn is { } openClosed)
        {
            problems.Add(new(record, "ClosedOn", Text(openClosed), "an open proposal cannot have a closing date"));
        }

        if (!Enum.IsDefined(proposal.Stage))
        {
            problems.Add(new(record, "Stage", Text((int)proposal.Stage), "unknown stage"));
        }
        else if ((proposal.Stage == ProposalStage.Closed) != (proposal.Outcome != ProposalOutcome.Open))
        {
            problems.Add(new(record, "Stage", proposal.Stage.ToString(), "stage Closed and outcome won/lost must go together"));
        }

        if (proposal.LossReason is not null && proposal.Outcome != ProposalOutcome.Lost)
        {
            problems.Add(new(record, "LossReason", proposal.LossReason.Category.ToString(), "only a lost proposal has a loss reason"));
        }

        return problems;
    }

    /// <summary>Checks an interaction: ids present, response latency not negative, a next action neither due
    /// nor done before the interaction took place.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <returns>The problems; empty when the interaction is valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var problems = new List<ValidationProblem>();
        var record = RecordOf("interaction", interaction.Id.Value);
        RequireId(problems, record, "Id", interaction.Id.Value);
        RequireId(problems, record, "RepId", interaction.RepId.Value);
        if (interaction.ResponseLatency is { } latency && latency < TimeSpan.Zero)
        {
            problems.Add(new(record, "ResponseLatency", latency.ToString("c", CultureInfo.InvariantCulture), "response latency cannot be negative"));
        }

        if (interaction.NextAction is { } action)
        {
            RequireText(problems, record, "NextAction.What", action.What);
            if (action.Due is { } due && due < interaction.OccurredAt)
            {
                problems.Add(new(record, "NextAction.Due", Text(due), "next action is due before the interaction took place"));
            }

            if (action.DoneAt is { } done && done < interaction.OccurredAt)
            {
                problems.Add(new(record, "NextAction.DoneAt", Text(done), "next action was done before the interaction took place"));
            }
        }

        return problems;
    }

    /// <summary>
    /// Checks every record of a data set and the links between them (as <see cref="Validate(KarteDataSet)"/>), plus each
    /// company's and rep's custom karte items against the team's template (keys, level, type, range, required items).
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="template">The team's karte template, for example <see cref="KarteTemplate.Default"/>.</param>
    /// <returns>The record problems, then the custom item problems.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(KarteDataSet data, KarteTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. Validate(data), .. template.Validate(data)];
    }

    /// <summary>Checks every record of a data set and the links between them: each rep's company, each
    /// episode's company, each proposal's company and rep, each interaction's rep must exist, and ids must be unique.</summary>
    /// <param name="data">The data set.</param>
    /// <returns>The problems, companies first, then reps, proposals and interactions.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(KarteDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<ValidationProblem>();
        var companyIds = new HashSet<CompanyId>();
        foreach (var company in data.Companies)
        {
            problems.AddRange(Validate(company));
            if (!companyIds.Add(company.Id))
            {
                problems.Add(new(RecordOf("company", company.Id.Value), "Id", company.Id.Value, "id is used by more than one company"));
            }
        }

        var repIds = new HashSet<RepId>();
        foreach (var rep in data.Reps)
        {
            problems.AddRange(Validate(rep));
            var record = RecordOf("rep", rep.Id.Value);
            if (!repIds.Add(rep.Id))
            {
                problems.Add(new(record, "Id", rep.Id.Value, "id is used by more than one rep"));
            }

            if (rep.CompanyId.Value is { Length: > 0 } && !companyIds.Contains(rep.CompanyId))
            {
                problems.Add(new(record, "CompanyId", rep.CompanyId.Value, "no company has this id"));
            }

            for (var i = 0; i < rep.Employment.Count; i++)
            {
                var episodeCompany = rep.Employment[i].CompanyId;
                if (episodeCompany.Value is { Length: > 0 } && !companyIds.Contains(episodeCompany))
                {
                    problems.Add(new(record, $"Employment[{i}].CompanyId", episodeCompany.Value, "no company has this id"));
                }
            }
        }

        var proposalIds = new HashSet<ProposalId>();
        foreach (var proposal in data.Proposals)
        {
            problems.AddRange(Validate(proposal));
            var record = RecordOf("proposal", proposal.Id.Value);
            if (!proposalIds.Add(proposal.Id))
            {
                problems.Add(new(record, "Id", proposal.Id.Value, "id is used by more than one proposal"));
            }

            if (proposal.CompanyId.Value is { Length: > 0 } && !companyIds.Contains(proposal.CompanyId))
            {
                problems.Add(new(record, "CompanyId", proposal.CompanyId.Value, "no company has this id"));
            }

            if (proposal.RepId is { Value.Length: > 0 } repId && !repIds.Contains(repId))
            {
                problems.Add(new(record, "RepId", repId.Value, "no rep has this id"));
            }
        }

        var interactionIds = new HashSet<InteractionId>();
        foreach (var interaction in data.Interactions)
        {
            problems.AddRange(Validate(interaction));
            var record = RecordOf("interaction", interaction.Id.Value);
            if (!interactionIds.Add(interaction.Id))
            {
                problems.Add(new(record, "Id", interaction.Id.Value, "id is used by more than one interaction"));
            }

            if (interaction.RepId.Value is { Length: > 0 } && !repIds.Contains(interaction.RepId))
            {
                problems.Add(new(record, "RepId", interaction.RepId.Value, "no rep has this id"));
            }

            if (interaction.ProposalId is { Value.Length: > 0 } pid && !proposalIds.Contains(pid))
            {
                problems.Add(new(record, "ProposalId", pid.Value, "no proposal has this id"));
            }
        }

        return problems;
    }

    private static void ValidateContract(List<ValidationProblem> problems, string record, PartnerContract contract)
    {
        if (contract.CommissionRatePercent is { } rate && rate is < 0 or > 100)
        {
            problems.Add(new(record, "Contract.CommissionRatePercent", Text(rate), "commission rate must be 0–100 %"));
        }

        if (contract.TermMonths is { } term && term < 1)
        {
            problems.Add(new(record, "Contract.TermMonths", Text(term), "contract term must be at least one month"));
        }

        if (contract.End is { } end && end < contract.Start)
        {
            problems.Add(new(record, "Contract.End", Text(end), "contract ends before it starts"));
        }

        if (contract.CommissionReviewDate is { } review && review < contract.Start)
        {
            problems.Add(new(record, "Contract.CommissionReviewDate", Text(review), "commission review is before the contract starts"));
        }

        if (!Enum.IsDefined(contract.Type))
        {
            problems.Add(new(record, "Contract.Type", Text((int)contract.Type), "unknown contract type"));
        }
    }

    private static void ValidateEmployment(List<ValidationProblem> problems, string record, PartnerRep rep)
    {
        var episodes = rep.Employment;
        for (var i = 0; i < episodes.Count; i++)
        {
            var e = episodes[i];
            var field = $"Employment[{i}]";
            RequireId(problems, record, field + ".CompanyId", e.CompanyId.Value);
            if (e.To is { } to && to < e.From)
            {
                problems.Add(new(record, field + ".To", Text(to), "episode ends before it starts"));
            }

            if (e.To is null && i < episodes.Count - 1)
            {
                problems.Add(new(record, field + ".To", null, "only the last episode may be open"));
            }

            if (i > 0)
            {
                var previous = episodes[i - 1];
                if (e.From < previous.From)
                {
                    problems.Add(new(record, field + ".From", Text(e.From), "episodes are not in date order"));
                }
                else if (previous.To is { } previousTo && e.From <= previousTo)
                {
                    problems.Add(new(record, field + ".From", Text(e.From), "episode overlaps the previous one"));
                }
            }
        }

        if (rep.CurrentEpisode is { } current && rep.CompanyId.Value is { Length: > 0 } && current.CompanyId != rep.CompanyId)
        {
            problems.Add(new(record, "CompanyId", rep.CompanyId.Value, "the current employment episode is at another company"));
        }
    }

    private static string RecordOf(string kind, string? id) => string.IsNullOrWhiteSpace(id) ? kind + ":(no id)" : kind + ":" + id;

    private static void RequireId(List<ValidationProblem> problems, string record, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(record, field, value, "id is required"));
        }
    }

    private static void RequireText(List<ValidationProblem> problems, string record, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(record, field, value, "value is required"));
        }
    }

    private static void NotNegative(List<ValidationProblem> problems, string record, string field, decimal? value)
    {
        if (value < 0)
        {
            problems.Add(new(record, field, Text(value.Value), "cannot be negative"));
        }
    }

    private static void NotNegative(List<ValidationProblem> problems, string record, string field, int? value)
    {
        if (value < 0)
        {
            problems.Add(new(record, field, Text(value.Value), "cannot be negative"));
        }
    }

    private static string Text(IFormattable value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => value.ToString(null, CultureInfo.InvariantCulture),
    };
}

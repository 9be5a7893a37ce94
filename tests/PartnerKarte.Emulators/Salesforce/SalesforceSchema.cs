namespace PartnerKarte.Emulators.Salesforce;

/// <summary>The standard objects the emulator serves, with the PartnerKarte custom fields deployed.</summary>
public static class SalesforceSchema
{
    private static readonly SalesforceFieldType T_String = SalesforceFieldType.String;

    /// <summary>All object types by name (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, SalesforceObjectType> Objects { get; } = Build();

    /// <summary>
    /// The fields of the Name object, which a polymorphic relationship (Task.Who, Task.What, Task.Owner, Event.Owner ...)
    /// resolves to in SOQL (Object Reference: Name); any other field there is "No such column ... on entity 'Name'".
    /// </summary>
    public static IReadOnlySet<string> NameObjectFields { get; } = new HashSet<string>(
        ["Id", "Alias", "Email", "FirstName", "IsActive", "LastName", "LastReferencedDate", "LastViewedDate", "Name", "NameOrAlias", "Phone", "ProfileId", "RecordTypeId", "Title", "Type", "UserRoleId", "Username"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds an object type by name, case-insensitively.</summary>
    /// <param name="name">The API name.</param>
    /// <returns>The type, or <see langword="null"/>.</returns>
    public static SalesforceObjectType? Find(string name) => Objects.GetValueOrDefault(name);

    /// <summary>Finds the object type an id belongs to from its key prefix.</summary>
    /// <param name="id">A record id.</param>
    /// <returns>The type, or <see langword="null"/>.</returns>
    public static SalesforceObjectType? ForId(string? id) =>
        id is { Length: >= 3 } ? Objects.Values.FirstOrDefault(o => id.StartsWith(o.KeyPrefix, StringComparison.Ordinal)) : null;

    private static SalesforceField Text(string name, int length = 255) => new(name, T_String) { Length = length };

    private static SalesforceField Ref(string name, string relationship, params string[] to) =>
        new(name, SalesforceFieldType.Reference) { RelationshipName = relationship, ReferenceTo = to, Length = 18 };

    private static SalesforceField Num(string name, SalesforceFieldType type, int precision = 18, int scale = 0) =>
        new(name, type) { Precision = precision, Scale = scale };

    private static SalesforceField ReadOnly(SalesforceField field) => field with { Createable = false, Updateable = false };

    private static SalesforceField CreateOnly(SalesforceField field) => field with { Updateable = false };

    private static SalesforceField Required(SalesforceField field) => field with { Nillable = false };

    private static SalesforceField Pick(string name, params string[] values) =>
        new(name, SalesforceFieldType.Picklist) { PicklistValues = values, Length = 255 };

    private static List<SalesforceField> System(bool owner, params string[] ownerTypes)
    {
        var fields = new List<SalesforceField>
        {
            new("Id", SalesforceFieldType.Id) { Createable = false, Updateable = false, Nillable = false, Length = 18 },
            ReadOnly(new SalesforceField("IsDeleted", SalesforceFieldType.Boolean) { Nillable = false }),
            ReadOnly(new SalesforceField("CreatedDate", SalesforceFieldType.DateTime) { Nillable = false }),
            ReadOnly(Ref("CreatedById", "CreatedBy", "User")),
            ReadOnly(new SalesforceField("LastModifiedDate", SalesforceFieldType.DateTime) { Nillable = false }),
            ReadOnly(Ref("LastModifiedById", "LastModifiedBy", "User")),
            ReadOnly(new SalesforceField("SystemModstamp", SalesforceFieldType.DateTime) { Nillable = false }),
        };
        if (owner)
        {
            fields.Add(Ref("OwnerId", "Owner", ownerTypes.Length == 0 ? ["User"] : ownerTypes) with { Nillable = false, DefaultedOnCreate = true });
        }

        return fields;
    }

    private static Dictionary<string, SalesforceObjectType> Build()
    {
        var externalId = Text("PK_ExternalId__c") with { ExternalId = true, Unique = true, Label = "PartnerKarte External Id" };
        var karte = new SalesforceField("PK_Karte__c", SalesforceFieldType.TextArea) { Length = 131072, Label = "PartnerKarte Karte (JSON)" };

        var account = System(owner: true);
        account.AddRange(
        [
            Required(Text("Name")) with { NameField = true },
            Pick("Type", "Partner", "Customer", "Prospect", "Other"),
            Ref("ParentId", "Parent", "Account"),
            new SalesforceField("Website", SalesforceFieldType.Url) { Length = 255 },
            new SalesforceField("Phone", SalesforceFieldType.Phone) { Length = 40 },
            Pick("Industry", "Technology", "Manufacturing", "Retail", "Finance", "Other"),
            Num("AnnualRevenue", SalesforceFieldType.Currency),
            Num("NumberOfEmployees", SalesforceFieldType.Int, 8),
            new SalesforceField("Description", SalesforceFieldType.TextArea) { Length = 32000 },
            Text("AccountNumber", 40),
            Text("AccountSource", 40),
            Text("BillingStreet"), Text("BillingCity", 40), Text("BillingState", 80), Text("BillingPostalCode", 20), Text("BillingCountry", 80),
            new SalesforceField("IsPartner", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true },
            externalId,
            karte,
            Num("PK_DealCount__c", SalesforceFieldType.Double, 18, 0) with { Label = "PK Deal Count" },
            Num("PK_WonCount__c", SalesforceFieldType.Double, 18, 0) with { Label = "PK Won Count" },
            Num("PK_WinRate__c", SalesforceFieldType.Percent, 5, 2) with { Label = "PK Win Rate" },
            Num("PK_Revenue__c", SalesforceFieldType.Currency, 18, 0) with { Label = "PK Revenue" },
            Num("PK_GrossProfit__c", SalesforceFieldType.Currency, 18, 0) with { Label = "PK Gross Profit" },
            Num("PK_KarteCompleteness__c", SalesforceFieldType.Percent, 5, 2) with { Label = "PK Karte Completeness" },
            Text("PK_ContractAlert__c") with { Label = "PK Contract Alert" },
        ]);

        var contact = System(owner: true);
        contact.AddRange(
        [
            Ref("AccountId", "Account", "Account"),
            Text("FirstName", 40),
            Required(Text("LastName", 80)),
            ReadOnly(Text("Name", 121)) with { NameField = true, Calculated = true },
            Pick("Salutation", "Mr.", "Ms.", "Dr."),
            Text("Title", 128),
            Text("Department", 80),
            new SalesforceField("Email", SalesforceFieldType.Email) { Length = 80 },
            new SalesforceField("Phone", SalesforceFieldType.Phone) { Length = 40 },
            new SalesforceField("MobilePhone", SalesforceFieldType.Phone) { Length = 40 },
            Ref("ReportsToId", "ReportsTo", "Contact"),
            Text("MailingCity", 40), Text("MailingState", 80), Text("MailingCountry", 80),
            Text("LeadSource", 40),
            new SalesforceField("Description", SalesforceFieldType.TextArea) { Length = 32000 },
            externalId,
            karte,
            Num("PK_TrustScore__c", SalesforceFieldType.Double, 5, 1) with { Label = "PK Trust Score" },
            Text("PK_TrustRank__c", 20) with { Label = "PK Trust Rank" },
            Num("PK_TrustConfidence__c", SalesforceFieldType.Percent, 5, 2) with { Label = "PK Trust Confidence" },
            Num("PK_TrustTrend__c", SalesforceFieldType.Double, 5, 1) with { Label = "PK Trust Trend" },
            new SalesforceField("PK_LastContactDate__c", SalesforceFieldType.Date) { Label = "PK Last Contact Date" },
            Text("PK_FollowUpPriority__c", 20) with { Label = "PK Follow-up Priority" },
            Text("PK_TrustReasons__c", 255) with { Label = "PK Trust Reasons" },
        ]);

        var opportunity = System(owner: true);
        opportunity.AddRange(
        [
            Required(Text("Name", 120)) with { NameField = true },
            Ref("AccountId", "Account", "Account"),
            Required(Pick("StageName", "Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost")),
            Num("Amount", SalesforceFieldType.Currency),
            Required(new SalesforceField("CloseDate", SalesforceFieldType.Date)),
            Num("Probability", SalesforceFieldType.Percent, 3, 0),
            Pick("Type", "New Business", "Existing Business"),
            Text("LeadSource", 40),
            Text("NextStep"),
            new SalesforceField("Description", SalesforceFieldType.TextArea) { Length = 32000 },
            ReadOnly(new SalesforceField("IsClosed", SalesforceFieldType.Boolean) { Nillable = false, Calculated = true }),
            ReadOnly(new SalesforceField("IsWon", SalesforceFieldType.Boolean) { Nillable = false, Calculated = true }),
            Text("ForecastCategoryName", 40),
            externalId,
            karte,
            Num("PK_GrossProfit__c", SalesforceFieldType.Currency, 18, 0) with { Label = "PK Gross Profit" },
        ]);

        var ocr = System(owner: false);
        ocr.AddRange(
        [
            Required(CreateOnly(Ref("OpportunityId", "Opportunity", "Opportunity"))),
            Ref("ContactId", "Contact", "Contact"),
            Pick("Role", "Decision Maker", "Economic Buyer", "Evaluator", "Influencer", "Technical Buyer", "Business User", "Other"),
            new SalesforceField("IsPrimary", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true },
            externalId,
        ]);

        // Activity owners are polymorphic (Object Reference: Task.OwnerId → Group or User, Event.OwnerId → Calendar or User),
        // so Owner resolves to the Name object there. Activities carry IsArchived (Archived Activities).
        var task = System(owner: true, "Group", "User");
        task.AddRange(
        [
            ReadOnly(new SalesforceField("IsArchived", SalesforceFieldType.Boolean) { Nillable = false }),
            Ref("WhoId", "Who", "Contact", "Lead"),
            Ref("WhatId", "What", "Account", "Opportunity"),
            ReadOnly(Ref("AccountId", "Account", "Account")),
            Text("Subject"),
            new SalesforceField("ActivityDate", SalesforceFieldType.Date),
            Pick("Status", "Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred") with { Nillable = false, DefaultedOnCreate = true },
            Pick("Priority", "High", "Normal", "Low") with { Nillable = false, DefaultedOnCreate = true },
            ReadOnly(new SalesforceField("IsClosed", SalesforceFieldType.Boolean) { Nillable = false, Calculated = true }),
            new SalesforceField("Description", SalesforceFieldType.TextArea) { Length = 32000 },
            CreateOnly(Pick("TaskSubtype", "Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn")),
            Num("CallDurationInSeconds", SalesforceFieldType.Int, 8),
            Pick("CallType", "Internal", "Inbound", "Outbound"),
            // Type: an org-defined picklist; these are the values a new org ships with.
            Pick("Type", "Call", "Email", "Meeting", "Other"),
            externalId,
            karte,
            new SalesforceField("PK_OccurredAt__c", SalesforceFieldType.DateTime) { Label = "PK Occurred At" },
            Text("PK_Channel__c", 20) with { Label = "PK Channel" },
            Text("PK_Initiator__c", 20) with { Label = "PK Initiator" },
            Text("PK_Reaction__c", 20) with { Label = "PK Reaction" },
        ]);

        var evt = System(owner: true, "Calendar", "User");
        evt.AddRange(
        [
            ReadOnly(new SalesforceField("IsArchived", SalesforceFieldType.Boolean) { Nillable = false }),
            Ref("WhoId", "Who", "Contact", "Lead"),
            Ref("WhatId", "What", "Account", "Opportunity"),
            ReadOnly(Ref("AccountId", "Account", "Account")),
            Text("Subject"),
            Text("Location"),
            new SalesforceField("StartDateTime", SalesforceFieldType.DateTime),
            new SalesforceField("EndDateTime", SalesforceFieldType.DateTime),
            new SalesforceField("ActivityDateTime", SalesforceFieldType.DateTime),
            new SalesforceField("ActivityDate", SalesforceFieldType.Date),
            Num("DurationInMinutes", SalesforceFieldType.Int, 8),
            new SalesforceField("IsAllDayEvent", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true },
            new SalesforceField("Description", SalesforceFieldType.TextArea) { Length = 32000 },
            CreateOnly(Pick("EventSubtype", "Event")),
            externalId,
            karte,
            new SalesforceField("PK_OccurredAt__c", SalesforceFieldType.DateTime) { Label = "PK Occurred At" },
            Text("PK_Channel__c", 20) with { Label = "PK Channel" },
            Text("PK_Initiator__c", 20) with { Label = "PK Initiator" },
            Text("PK_Reaction__c", 20) with { Label = "PK Reaction" },
        ]);

        var acr = System(owner: false);
        acr.AddRange(
        [
            Required(CreateOnly(Ref("AccountId", "Account", "Account"))),
            Required(CreateOnly(Ref("ContactId", "Contact", "Contact"))),
            new SalesforceField("Roles", SalesforceFieldType.MultiPicklist) { PicklistValues = ["Decision Maker", "Influencer", "Other"], Length = 4099 },
            ReadOnly(new SalesforceField("IsDirect", SalesforceFieldType.Boolean) { Nillable = false }),
            new SalesforceField("IsActive", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true },
            new SalesforceField("StartDate", SalesforceFieldType.Date),
            new SalesforceField("EndDate", SalesforceFieldType.Date),
        ]);

        var user = System(owner: false);
        user.AddRange(
        [
            Required(Text("Username", 80)),
            Text("FirstName", 40),
            Required(Text("LastName", 80)),
            ReadOnly(Text("Name", 121)) with { NameField = true, Calculated = true },
            new SalesforceField("Email", SalesforceFieldType.Email) { Length = 128 },
            Text("Alias", 8),
            new SalesforceField("IsActive", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true },
            Text("Department", 80),
            Text("Title", 80),
            Text("FederationIdentifier", 512),
        ]);

        var group = System(owner: false);
        group.AddRange(
        [
            Required(Text("Name", 40)) with { NameField = true },
            Text("DeveloperName", 80),
            Pick("Type", "Queue", "Regular", "Role"),
        ]);

        var calendar = System(owner: false);
        calendar.AddRange(
        [
            Required(Text("Name", 80)) with { NameField = true },
            Pick("Type", "Public", "Resource", "User"),
        ]);

        // EmailMessage (Salesforce object reference): ActivityId links the Task the e-mail is logged as; Incoming is true for a
        // received e-mail, false for a sent one; MessageDate is when it was sent; ReplyToEmailMessageId the message it answers.
        var email = System(owner: false);
        email.AddRange(
        [
            Ref("ActivityId", "Activity", "Task"),
            Ref("RelatedToId", "RelatedTo", "Account", "Opportunity"),
            Ref("ReplyToEmailMessageId", "ReplyToEmailMessage", "EmailMessage"),
            CreateOnly(new SalesforceField("Incoming", SalesforceFieldType.Boolean) { Nillable = false, DefaultedOnCreate = true }),
            new SalesforceField("MessageDate", SalesforceFieldType.DateTime),
            Text("Subject", 3000),
            Text("FromAddress", 1000),
            Text("FromName", 1000),
            Text("ToAddress", 4000),
            Text("ThreadIdentifier", 255),
            Pick("Status", "0", "1", "2", "3", "4", "5"),
        ]);

        var types = new[]
        {
            new SalesforceObjectType("Account", "001", account),
            new SalesforceObjectType("Contact", "003", contact),
            new SalesforceObjectType("Opportunity", "006", opportunity),
            new SalesforceObjectType("OpportunityContactRole", "00K", ocr),
            new SalesforceObjectType("Task", "00T", task),
            new SalesforceObjectType("Event", "00U", evt),
            new SalesforceObjectType("AccountContactRelation", "07k", acr),
            new SalesforceObjectType("User", "005", user),
            new SalesforceObjectType("Group", "00G", group),
            new SalesforceObjectType("Calendar", "023", calendar),
            new SalesforceObjectType("EmailMessage", "02s", email),
        };
        return types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }
}

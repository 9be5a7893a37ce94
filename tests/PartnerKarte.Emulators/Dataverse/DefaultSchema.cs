namespace PartnerKarte.Emulators.Dataverse;

/// <summary>The standard tables PartnerKarte uses, with the columns it reads and writes.</summary>
public static class DefaultSchema
{
    /// <summary>Builds a fresh set of table definitions.</summary>
    public static IReadOnlyList<EntitySchema> Create()
    {
        var account = Common(new EntitySchema("account", "accounts", "accountid", "name"))
            .Add(Str("name", 160)).Add(Str("yominame", 160)).Add(Str("accountnumber", 20)).Add(Str("telephone1", 50)).Add(Str("emailaddress1", 100))
            .Add(Str("websiteurl", 200)).Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
            .Add(new AttributeSchema("customertypecode", "Picklist")).Add(new AttributeSchema("industrycode", "Picklist"))
            .Add(new AttributeSchema("numberofemployees", "Integer")).Add(new AttributeSchema("revenue", "Money"))
            .Add(Str("address1_line1", 250)).Add(Str("address1_city", 80)).Add(Str("address1_stateorprovince", 50))
            .Add(Str("address1_postalcode", 20)).Add(Str("address1_country", 80))
            .Add(Lookup("parentaccountid", "account")).Add(Lookup("primarycontactid", "contact"));

        var contact = Common(new EntitySchema("contact", "contacts", "contactid", "fullname"))
            .Add(Str("firstname", 50)).Add(Str("lastname", 50)).Add(new AttributeSchema("fullname", "String", MaxLength: 160, ReadOnly: true))
            .Add(Str("yomifirstname", 150)).Add(Str("yomilastname", 150)).Add(Str("jobtitle", 100)).Add(Str("department", 100))
            .Add(Str("emailaddress1", 100)).Add(Str("telephone1", 50)).Add(Str("mobilephone", 50))
            .Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
            .Add(new AttributeSchema("parentcustomerid", "Customer", ["account", "contact"]));

        var opportunity = Common(new EntitySchema("opportunity", "opportunities", "opportunityid", "name"))
            .Add(Str("name", 300)).Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
            .Add(new AttributeSchema("estimatedvalue", "Money")).Add(new AttributeSchema("actualvalue", "Money"))
            .Add(new AttributeSchema("closeprobability", "Integer"))
            .Add(new AttributeSchema("estimatedclosedate", "DateOnly")).Add(new AttributeSchema("actualclosedate", "DateOnly"))
            .Add(Lookup("parentaccountid", "account")).Add(Lookup("parentcontactid", "contact"))
            .Add(new AttributeSchema("customerid", "Customer", ["account", "contact"]));

        var activities = new[] { ("phonecall", "phonecalls"), ("appointment", "appointments"), ("email", "emails"), ("task", "tasks") }
            .Select(a =>
            {
                var e = Common(new EntitySchema(a.Item1, a.Item2, "activityid", "subject"))
                    .Add(Str("subject", 200)).Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
                    .Add(new AttributeSchema("scheduledstart", "DateTime")).Add(new AttributeSchema("scheduledend", "DateTime"))
                    .Add(new AttributeSchema("actualstart", "DateTime")).Add(new AttributeSchema("actualend", "DateTime"))
                    .Add(new AttributeSchema("actualdurationminutes", "Integer")).Add(new AttributeSchema("prioritycode", "Picklist"))
                    .Add(new AttributeSchema("activitytypecode", "String", MaxLength: 64, ReadOnly: true))
                    .Add(new AttributeSchema("regardingobjectid", "Lookup", ["account", "contact", "opportunity"]));
                if (a.Item1 is "phonecall" or "email")
                {
                    e.Add(new AttributeSchema("directioncode", "Boolean"));
                }

                if (a.Item1 == "phonecall")
                {
                    e.Add(Str("phonenumber", 200));
                }

                if (a.Item1 == "appointment")
                {
                    e.Add(Str("location", 200));
                }

                return e;
            });

        var connection = Common(new EntitySchema("connection", "connections", "connectionid", "name"))
            .Add(Str("name", 500)).Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
            .Add(new AttributeSchema("record1id", "Lookup", ["account", "contact", "systemuser"]))
            .Add(new AttributeSchema("record2id", "Lookup", ["account", "contact", "systemuser"]))
            .Add(Lookup("record1roleid", "connectionrole")).Add(Lookup("record2roleid", "connectionrole"))
            .Add(new AttributeSchema("effectivestart", "DateTime")).Add(new AttributeSchema("effectiveend", "DateTime"))
            .Add(new AttributeSchema("relatedconnectionid", "Lookup", ["connection"], ReadOnly: true));

        var role = Common(new EntitySchema("connectionrole", "connectionroles", "connectionroleid", "name"), owned: false)
            .Add(Str("name", 100)).Add(new AttributeSchema("description", "Memo", MaxLength: 2000))
            .Add(new AttributeSchema("category", "Picklist"));

        var user = Common(new EntitySchema("systemuser", "systemusers", "systemuserid", "fullname"), owned: false)
            .Add(Str("firstname", 64)).Add(Str("lastname", 64)).Add(new AttributeSchema("fullname", "String", MaxLength: 200, ReadOnly: true))
            .Add(Str("internalemailaddress", 100)).Add(Str("domainname", 1024)).Add(new AttributeSchema("isdisabled", "Boolean"))
            .Add(Lookup("businessunitid", "businessunit"));

        // Every user belongs to exactly one business unit (systemuser.businessunitid → businessunit).
        var unit = Common(new EntitySchema("businessunit", "businessunits", "businessunitid", "name"), owned: false)
            .Add(Str("name", 160));

        return [account, contact, opportunity, .. activities, connection, role, user, unit];
    }

    private static AttributeSchema Str(string name, int max) => new(name, "String", MaxLength: max);

    private static AttributeSchema Lookup(string name, string target) => new(name, "Lookup", [target]);

    private static EntitySchema Common(EntitySchema e, bool owned = true)
    {
        e.Add(new AttributeSchema(e.PrimaryIdAttribute, "Uniqueidentifier"))
            .Add(new AttributeSchema("createdon", "DateTime", ReadOnly: true))
            .Add(new AttributeSchema("modifiedon", "DateTime", ReadOnly: true))
            .Add(new AttributeSchema("versionnumber", "BigInt", ReadOnly: true))
            .Add(new AttributeSchema("statecode", "State"))
            .Add(new AttributeSchema("statuscode", "Status"));
        if (owned)
        {
            e.Add(new AttributeSchema("ownerid", "Owner", ["systemuser"]));
        }

        return e;
    }
}

using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>Runs a parsed SOQL query against the org. Call under the org lock.</summary>
internal sealed class SoqlEngine(SalesforceOrg org, string apiVersion)
{
    public sealed record Result(SalesforceObjectType Type, int TotalSize, IReadOnlyList<Dictionary<string, object?>> Rows);

    public Result Execute(SoqlQuery query, bool includeDeleted)
    {
        var type = SalesforceSchema.Find(query.ObjectName)
            ?? throw new SoqlException("INVALID_TYPE", $"{query.Text}\n^\nERROR at Row:1:Column:1\nsObject type '{query.ObjectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        foreach (var path in query.SelectPaths.Concat(query.OrderBy.Select(o => o.Field)).Concat(WherePaths(query.Where)))
        {
            Bind(type, path, query.Text);
        }

        var today = DateOnly.FromDateTime(org.Now().UtcDateTime);
        if (type.Field("IsArchived") is not null)
        {
            foreach (var r in org.Table(type.Name).Values)
            {
                r["IsArchived"] = IsArchived(type.Name, r, today);
            }
        }

        // query hides deleted rows and archived activities; queryAll returns both (Archived Activities, queryAll).
        IEnumerable<Dictionary<string, object?>> rows = org.Table(type.Name).Values
            .Where(r => includeDeleted || (!SalesforceOrg.IsDeleted(r) && r.GetValueOrDefault("IsArchived") is not true))
            .Where(r => query.Where is null || Matches(type, r, query.Where, today));
        var list = rows.ToList();
        if (query.IsCount)
        {
            return new Result(type, list.Count, []);
        }

        if (query.OrderBy.Count > 0)
        {
            list.Sort((a, b) =>
            {
                foreach (var order in query.OrderBy)
                {
                    var va = Resolve(type, a, order.Field);
                    var vb = Resolve(type, b, order.Field);
                    int c;
                    if (va is null || vb is null)
                    {
                        c = va is null && vb is null ? 0 : (va is null ? -1 : 1) * (order.NullsLast ? -1 : 1);
                        if (order.Descending)
                        {
                            c = -c;
                        }
                    }
                    else
                    {
                        c = SalesforceValues.Compare(va, vb);
                    }

                    if (c != 0)
                    {
                        return order.Descending ? -c : c;
                    }
                }

                return 0;
            });
        }

        IEnumerable<Dictionary<string, object?>> window = list;
        if (query.Offset is { } offset)
        {
            window = window.Skip(offset);
        }

        if (query.Limit is { } limit)
        {
            window = window.Take(limit);
        }

        var result = window.ToList();
        return new Result(type, result.Count, result);
    }

    /// <summary>
    /// The archive criteria of "Archived Activities": Events whose ActivityDateTime or ActivityDate is 365 days old or
    /// more; closed Tasks whose ActivityDate is, or (no ActivityDate) whose CreatedDate is.
    /// </summary>
    private static bool IsArchived(string type, Dictionary<string, object?> r, DateOnly today)
    {
        static DateOnly? Day(object? v) => v switch
        {
            DateOnly d => d,
            DateTimeOffset t => DateOnly.FromDateTime(t.UtcDateTime),
            _ => null,
        };

        var cutoff = today.AddDays(-365);
        if (type == "Event")
        {
            return (Day(r.GetValueOrDefault("ActivityDateTime")) ?? Day(r.GetValueOrDefault("StartDateTime")) ?? Day(r.GetValueOrDefault("ActivityDate"))) is { } day && day <= cutoff;
        }

        return r.GetValueOrDefault("IsClosed") is true && (Day(r.GetValueOrDefault("ActivityDate")) ?? Day(r.GetValueOrDefault("CreatedDate"))) is { } due && due <= cutoff;
    }

    public JsonObject ToJson(SalesforceObjectType type, Dictionary<string, object?> record, IReadOnlyList<SoqlPath> paths)
    {
        var json = new JsonObject { ["attributes"] = Attributes(type, (string)record["Id"]!) };
        foreach (var path in paths)
        {
            var target = json;
            var currentType = type;
            Dictionary<string, object?>? current = record;
            for (var i = 0; i < path.Segments.Count - 1; i++)
            {
                var rel = currentType.Relationship(path.Segments[i])!;
                var parentId = current?[rel.Name] as string;
                var parent = parentId is null ? null : org.Find(parentId);
                var parentType = SalesforceSchema.ForId(parentId);
                if (parent is null || parentType is null)
                {
                    target[rel.RelationshipName!] = null;
                    current = null;
                    break;
                }

                if (target[rel.RelationshipName!] is not JsonObject nested)
                {
                    nested = new JsonObject { ["attributes"] = Attributes(parentType, parentId!) };
                    target[rel.RelationshipName!] = nested;
                }

                target = nested;
                current = parent;
                currentType = parentType;
            }

            if (current is null)
            {
                continue;
            }

            var field = currentType.Field(path.Segments[^1]);
            target[field?.Name ?? path.Segments[^1]] = field is null ? null : SalesforceValues.ToJson(field, current[field.Name]);
        }

        return json;
    }

    public object? Resolve(SalesforceObjectType type, Dictionary<string, object?> record, SoqlPath path)
    {
        var currentType = type;
        Dictionary<string, object?>? current = record;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var rel = currentType.Relationship(path.Segments[i])!;
            var parentId = current[rel.Name] as string;
            current = parentId is null ? null : org.Find(parentId);
            currentType = SalesforceSchema.ForId(parentId)!;
            if (current is null)
            {
                return null;
            }
        }

        var field = currentType.Field(path.Segments[^1]);
        return field is null ? null : current[field.Name];
    }

    private JsonObject Attributes(SalesforceObjectType type, string id) => new()
    {
        ["type"] = type.Name,
        ["url"] = $"/services/data/v{apiVersion}/sobjects/{type.Name}/{id}",
    };

    private void Bind(SalesforceObjectType type, SoqlPath path, string text)
    {
        var candidates = new List<SalesforceObjectType> { type };
        var polymorphic = false;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            var last = i == path.Segments.Count - 1;
            if (last)
            {
                // A polymorphic relationship resolves to the Name object, whatever the target types have.
                var known = polymorphic
                    ? SalesforceSchema.NameObjectFields.Contains(segment)
                    : candidates.Any(c => c.Field(segment) is not null && !org.IsHidden(c.Name, segment));
                if (!known)
                {
                    throw new SoqlException("INVALID_FIELD", $"{text}\n^\nERROR at Row:1:Column:1\nNo such column '{segment}' on entity '{(polymorphic ? "Name" : candidates[0].Name)}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
                }

                return;
            }

            var rel = polymorphic ? null : candidates.Select(c => c.Relationship(segment)).FirstOrDefault(r => r is not null);
            if (rel is null)
            {
                throw new SoqlException("INVALID_FIELD", $"{text}\n^\nERROR at Row:1:Column:1\nDidn't understand relationship '{segment}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
            }

            polymorphic = rel.ReferenceTo.Count > 1;
            candidates = rel.ReferenceTo.Select(SalesforceSchema.Find).Where(t => t is not null).Select(t => t!).ToList();
        }
    }

    private static IEnumerable<SoqlPath> WherePaths(SoqlCondition? condition) => condition switch
    {
        null => [],
        SoqlComparison c => [c.Field],
        SoqlIn c => [c.Field],
        SoqlLike c => [c.Field],
        SoqlAnd c => WherePaths(c.Left).Concat(WherePaths(c.Right)),
        SoqlOr c => WherePaths(c.Left).Concat(WherePaths(c.Right)),
        SoqlNot c => WherePaths(c.Inner),
        _ => [],
    };

    private bool Matches(SalesforceObjectType type, Dictionary<string, object?> record, SoqlCondition condition, DateOnly today) => condition switch
    {
        SoqlAnd c => Matches(type, record, c.Left, today) && Matches(type, record, c.Right, today),
        SoqlOr c => Matches(type, record, c.Left, today) || Matches(type, record, c.Right, today),
        SoqlNot c => !Matches(type, record, c.Inner, today),
        SoqlIn c when c.TextSet is { } set => (Resolve(type, record, c.Field) is string s && set.Contains(s)) != c.Negated,
        SoqlIn c => c.Values.Any(v => Equal(Resolve(type, record, c.Field), v, today)) != c.Negated,
        SoqlLike c => (Resolve(type, record, c.Field) is string s && c.Regex.IsMatch(s)) != c.Negated,
        SoqlComparison c => Compare(Resolve(type, record, c.Field), c.Operator, c.Value, today),
        _ => false,
    };

    private static object? Coerce(object? value, object? literal) => (value, literal) switch
    {
        // Ids compare in their 18-character form whatever the literal's length.
        (string, string s) when s.Length == 15 && SalesforceIds.IsWellFormed(s) && value is string v && v.Length == 18 => SalesforceIds.To18(s),
        _ => literal,
    };

    private static bool Equal(object? value, object? literal, DateOnly today)
    {
        if (literal is SoqlDateRange range)
        {
            return InRange(value, range, today);
        }

        return SalesforceValues.ValueEquals(value, Coerce(value, literal));
    }

    private static bool InRange(object? value, SoqlDateRange range, DateOnly today)
    {
        DateOnly? day = value switch
        {
            DateOnly d => d,
            DateTimeOffset t => DateOnly.FromDateTime(t.UtcDateTime),
            _ => null,
        };
        return day is { } x && x >= today.AddDays(range.FromDays) && x <= today.AddDays(range.ToDays);
    }

    private static bool Compare(object? value, string op, object? literal, DateOnly today)
    {
        if (literal is SoqlDateRange range)
        {
            return op switch
            {
                "=" => InRange(value, range, today),
                "!=" => !InRange(value, range, today),
                _ => value is not null && CompareBound(value, op, range, today),
            };
        }

        literal = Coerce(value, literal);
        if (op == "=")
        {
            return SalesforceValues.ValueEquals(value, literal);
        }

        if (op == "!=")
        {
            return !SalesforceValues.ValueEquals(value, literal);
        }

        if (value is null || literal is null)
        {
            return false;
        }

        var c = SalesforceValues.Compare(value, literal);
        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => false,
        };
    }

    private static bool CompareBound(object value, string op, SoqlDateRange range, DateOnly today)
    {
        var from = today.AddDays(range.FromDays);
        var to = today.AddDays(range.ToDays);
        return op switch
        {
            "<" => SalesforceValues.Compare(value, from) < 0,
            "<=" => SalesforceValues.Compare(value, to) <= 0,
            ">" => SalesforceValues.Compare(value, to) > 0,
            ">=" => SalesforceValues.Compare(value, from) >= 0,
            _ => false,
        };
    }
}

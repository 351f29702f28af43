using System.Globalization;
using System.Text;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Bench.Sql;

/// <summary>
/// cohort-v1 definitions as the SQL an analyst would write over <see cref="EventTables"/> in DuckDB, with the
/// <c>people</c> table <see cref="DuckDbCohortDatabase"/> derives from them once (each person's latest subject).
/// </summary>
/// <remarks>
/// The query answers one row per group: the <c>groupBy</c> values in order (<c>k0</c>, <c>k1</c>...), with survival
/// the interval and whether the time is an event, and the count <c>n</c>. Its meaning is the contract's, clause by
/// clause: the earliest matching entry inside the period (its facility that of the earliest matching receipt of the
/// entry day, by source then recordId); age in whole years from the first day of the birth month;
/// sex, prefecture and birth from the latest record; windows in days from the entry date, both ends inclusive;
/// codes by prefix, suspected diagnoses never matching; a field a record lacks never holding.
/// </remarks>
public static class CohortSql
{
    /// <summary>The query counting <paramref name="definition"/>'s cohort, one row per group.</summary>
    /// <exception cref="ArgumentException">The definition groups by or times an outcome it does not give.</exception>
    public static string Of(CohortDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Outcome is null && (definition.Survival is not null || definition.GroupBy.Contains(GroupKey.Outcome)))
        {
            throw new ArgumentException("survival and grouping by outcome need an outcome", nameof(definition));
        }

        var sql = new StringBuilder();
        sql.Append("WITH entry_events AS (").Append(Matching(definition.Entry)).Append("),\n");
        for (var i = 0; i < definition.Require.Length; i++) sql.Append($"require_{i} AS (").Append(Matching(definition.Require[i])).Append("),\n");
        for (var i = 0; i < definition.Exclude.Length; i++) sql.Append($"exclude_{i} AS (").Append(Matching(definition.Exclude[i])).Append("),\n");
        if (definition.Outcome is { } outcome) sql.Append("outcome_events AS (").Append(Matching(outcome)).Append("),\n");

        // 1. The entry date: the earliest matching entry event inside the period; grouped by facility, also the facility of
        //    the receipt that set it (the earliest matching receipt of that day, by source then recordId).
        var bounds = new List<string>();
        if (definition.Period is { } period)
        {
            if (period.From is { } from) bounds.Add($"m.date >= {Date(from)}");
            if (period.To is { } to) bounds.Add($"m.date <= {Date(to)}");
        }

        var byFacility = definition.GroupBy.Contains(GroupKey.Facility);
        if (byFacility)
        {
            sql.Append("entries AS (SELECT m.person_id, m.date AS entry_date, r.facility FROM entry_events m JOIN events r USING (event_id)");
            if (bounds.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", bounds);
            sql.Append(" QUALIFY row_number() OVER (PARTITION BY m.person_id ORDER BY m.date, r.source, r.record_id) = 1),\n");
        }
        else
        {
            sql.Append("entries AS (SELECT m.person_id, min(m.date) AS entry_date FROM entry_events m");
            if (bounds.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", bounds);
            sql.Append(" GROUP BY m.person_id),\n");
        }

        // 2. Age at entry, sex and prefecture from the latest record.
        sql.Append("entered AS (SELECT e.person_id, e.entry_date, ").Append(byFacility ? "e.facility, " : "").Append("p.sex, p.pref, p.last_date, ")
            .Append("CAST(floor((year(e.entry_date) * 12 + month(e.entry_date) - 1 - p.birth_month) / 12.0) AS INTEGER) AS age ")
            .Append("FROM entries e JOIN people p USING (person_id)),\n");

        // 3. Filters, requires and excludes.
        var conditions = new List<string>();
        if (definition.Age is { } age)
        {
            if (age.Min is { } min) conditions.Add($"age >= {Integer(min)}");
            if (age.Max is { } max) conditions.Add($"age <= {Integer(max)}");
        }

        if (definition.Sex is { } sex) conditions.Add($"sex = {Text(sex.ToString())}");
        if (!definition.Pref.IsDefaultOrEmpty) conditions.Add($"pref IN ({string.Join(", ", definition.Pref.Select(Text))})");
        for (var i = 0; i < definition.Require.Length; i++) conditions.Add($"EXISTS (SELECT 1 FROM require_{i} m WHERE {InWindow(definition.Require[i])})");
        for (var i = 0; i < definition.Exclude.Length; i++) conditions.Add($"NOT EXISTS (SELECT 1 FROM exclude_{i} m WHERE {InWindow(definition.Exclude[i])})");
        sql.Append("cohort AS (SELECT c.*");

        // 4. The outcome, and with survival the time to its earliest event from day 0 or to the latest record.
        if (definition.Outcome is { } happened)
        {
            sql.Append($", EXISTS (SELECT 1 FROM outcome_events m WHERE {InWindow(happened)}) AS outcome");
            if (definition.Survival is not null)
            {
                sql.Append($", (SELECT min(m.date - c.entry_date) FROM outcome_events m WHERE {InWindow(happened)} AND m.date >= c.entry_date) AS event_time");
            }
        }

        sql.Append(" FROM entered c");
        if (conditions.Count > 0) sql.Append(" WHERE ").AppendJoin("\n  AND ", conditions);
        sql.Append(")\n");

        var columns = definition.GroupBy.Select((key, i) => $"{GroupValue(key)} AS k{i}").ToList();
        if (definition.Survival is { } survival)
        {
            var censoredAt = definition.Outcome!.To is { } end ? $"least(last_date - entry_date, {Integer(end)})" : "last_date - entry_date";
            columns.Add($"coalesce(event_time, {censoredAt}) // {Integer(survival.Step)} AS time_interval");
            columns.Add("event_time IS NOT NULL AS is_event");
        }

        sql.Append("SELECT ");
        foreach (var column in columns) sql.Append(column).Append(", ");
        sql.Append("count(*) AS n FROM cohort");
        if (columns.Count > 0) sql.Append(" GROUP BY ALL");
        return sql.ToString();
    }

    /// <summary>The (event_id, person_id, date) of every event that matches <paramref name="criterion"/>, whatever its window.</summary>
    /// <remarks>
    /// A field a record lacks is NULL in its row, and a comparison with NULL never holds: so, as the contract says,
    /// a field the criterion gives that the event's kind does not have matches nothing.
    /// </remarks>
    internal static string Matching(CohortCriterion criterion)
    {
        var receiptCodes = new List<string>();
        if (criterion.Kind == EventKind.Receipt && criterion.Code is { } diagnosis)
        {
            receiptCodes.Add($"item = '{EventTables.Diagnosis}' AND NOT suspected AND starts_with(code, {Text(diagnosis)})");
        }

        if (criterion.Procedure is { } procedure) receiptCodes.Add($"item = '{EventTables.Procedure}' AND starts_with(code, {Text(procedure)})");
        if (criterion.Drug is { } drug) receiptCodes.Add($"item = '{EventTables.Drug}' AND starts_with(code, {Text(drug)})");

        var conditions = new List<string> { $"kind = {Text(EventKinds.Name(criterion.Kind))}" };
        if (criterion.Code is { } code && criterion.Kind != EventKind.Receipt) conditions.Add($"starts_with(code, {Text(code)})");
        var value = criterion.Kind == EventKind.Maternal ? "birth_weight" : "value";
        if (criterion.Min is { } low) conditions.Add($"{value} >= {Number(low)}");
        if (criterion.Max is { } high) conditions.Add($"{value} <= {Number(high)}");
        if (criterion.Complication is { } complication) conditions.Add($"complication = {(complication ? "true" : "false")}");
        if (criterion.Type is { } type) conditions.Add($"vital_type = {Text(type)}");
        if (criterion.MaternalEntry is { } entry) conditions.Add($"maternal_entry = {Text(entry)}");
        if (receiptCodes.Count == 0) return $"SELECT event_id, person_id, date FROM events WHERE {string.Join(" AND ", conditions)}";

        // Only receipts list diagnoses, procedures and drugs; their other columns are NULL.
        if (criterion.Kind != EventKind.Receipt || conditions.Count > 1) return "SELECT event_id, person_id, date FROM events WHERE false";

        // A receipt's codes are rows of event_codes: each field given must hold on a row of the same receipt.
        return receiptCodes.Count == 1
            ? $"SELECT event_id, person_id, date FROM event_codes WHERE {receiptCodes[0]}"
            : $"SELECT event_id, any_value(person_id) AS person_id, any_value(date) AS date FROM event_codes WHERE ({string.Join(") OR (", receiptCodes)}) " +
              $"GROUP BY event_id HAVING {string.Join(" AND ", receiptCodes.Select(f => $"bool_or({f})"))}";
    }

    /// <summary>The event <c>m</c> is inside the criterion's window around the entry of person <c>c</c>.</summary>
    private static string InWindow(CohortCriterion criterion)
    {
        var condition = "m.person_id = c.person_id";
        if (criterion.From is { } from) condition += $" AND m.date - c.entry_date >= {Integer(from)}";
        if (criterion.To is { } to) condition += $" AND m.date - c.entry_date <= {Integer(to)}";
        return condition;
    }

    /// <summary>cohort-v1's grouping table in SQL over the columns of <c>cohort</c>.</summary>
    private static string GroupValue(GroupKey key) => key switch
    {
        GroupKey.Sex => "sex",
        GroupKey.Age10 => "CASE least(greatest(CAST(floor(age / 10.0) AS INTEGER), 0), " + Integer(GroupValues.AgeBandCount - 1) + ") "
                          + string.Concat(Enumerable.Range(0, GroupValues.AgeBandCount).Select(b => $"WHEN {Integer(b)} THEN {Text(GroupValues.Age10OfBand(b))} "))
                          + "END",
        GroupKey.Pref => $"coalesce(pref, {Text(GroupValues.UnknownPref)})",
        GroupKey.EntryYear => "lpad(CAST(year(entry_date) AS VARCHAR), 4, '0')",
        GroupKey.Outcome => $"CASE WHEN outcome THEN {Text(GroupValues.Yes)} ELSE {Text(GroupValues.No)} END",
        GroupKey.Facility => $"coalesce(facility, {Text(GroupValues.UnknownFacility)})",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a group key of cohort-v1"),
    };

    internal static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Integer(int value) => value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)})" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double as DuckDB reads it back exactly (a bare <c>6.5</c> would be a DECIMAL).</summary>
    private static string Number(double value) => $"CAST('{value.ToString("R", CultureInfo.InvariantCulture)}' AS DOUBLE)";

    internal static string Date(DateOnly day) => $"DATE '{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}

package dev.tandem.model.query;

import dev.tandem.model.query.SelectQuery.And;
import dev.tandem.model.query.SelectQuery.Arithmetic;
import dev.tandem.model.query.SelectQuery.Comparison;
import dev.tandem.model.query.SelectQuery.DataField;
import dev.tandem.model.query.SelectQuery.Expr;
import dev.tandem.model.query.SelectQuery.Field;
import dev.tandem.model.query.SelectQuery.FieldRef;
import dev.tandem.model.query.SelectQuery.In;
import dev.tandem.model.query.SelectQuery.Like;
import dev.tandem.model.query.SelectQuery.Literal;
import dev.tandem.model.query.SelectQuery.MetaField;
import dev.tandem.model.query.SelectQuery.Negate;
import dev.tandem.model.query.SelectQuery.Not;
import dev.tandem.model.query.SelectQuery.Or;
import dev.tandem.model.query.SelectQuery.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a {@link SelectQuery} into one SQL statement over {@code models}, {@code model_query_data} and
 * {@code model_query_leaves}, the same text for H2 2.x and PostgreSQL 15 but for {@code LIKE} patterns that H2
 * would match by unbounded backtracking ({@link LikeRegex}). Every constant and every field path is a bound
 * parameter; only fixed SQL text and generated aliases are concatenated.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Each distinct data field is one {@code LEFT JOIN} of its leaf (at most one row: the leaves' key is
 *       model + path), so a model without the field still takes part, with no value.</li>
 *   <li>A value may be a number, a string or a boolean; a comparison holds if both sides have a value of a same type
 *       and it holds for that type. A missing field or a mismatched type makes a comparison false, never unknown:
 *       the logic is two-valued, so {@code NOT (a = 1)} and {@code a != 1} both match a model without {@code a}.</li>
 *   <li>Arithmetic is on numbers; division or modulo by zero gives no value (the comparison is false).</li>
 *   <li>{@code ORDER BY} a data field sorts numbers, then strings, then booleans, each in the asked direction, and
 *       models without the field last; ties (and every query) end with the model id, so pages are stable. Strings
 *       compare in the database's collation.</li>
 * </ul>
 */
final class QuerySql {

    /** A piece of SQL text and the parameters it binds, in order. */
    record Sql(String text, List<Object> params) {
        Sql {
            params = List.copyOf(params);
        }

        static Sql of(String text, Object... params) {
            return new Sql(text, List.of(params));
        }
    }

    private enum Type {
        NUMBER("num_value", "DOUBLE PRECISION"),
        STRING("str_value", "VARCHAR"),
        BOOLEAN("bool_value", "BOOLEAN");

        final String column;
        final String sqlType;

        Type(String column, String sqlType) {
            this.column = column;
            this.sqlType = sqlType;
        }

        static Type of(Object literal) {
            if (literal instanceof String) {
                return STRING;
            }
            return literal instanceof Boolean ? BOOLEAN : NUMBER;
        }
    }

    private static final String FALSE = "1 = 0";

    /** The database a statement is for: where H2 and PostgreSQL must differ, the text differs. */
    enum Dialect {
        H2,
        POSTGRESQL;

        /** From {@code DatabaseMetaData.getDatabaseProductName()}: "H2", or PostgreSQL for anything else. */
        static Dialect of(String productName) {
            return "H2".equalsIgnoreCase(productName) ? H2 : POSTGRESQL;
        }
    }

    private final SelectQuery query;
    private final Dialect dialect;
    // data path (encoded) -> join alias; paths too long to be indexed map to null
    private final Map<List<Object>, String> aliases = new LinkedHashMap<>();

    private QuerySql(SelectQuery query, Dialect dialect) {
        this.query = query;
        this.dialect = dialect;
        collect(query.where());
        for (Order order : query.orderBy()) {
            alias(order.field());
        }
    }

    /**
     * The page: columns {@code model_id, created_at, version, modified_at, data}.
     *
     * @param readable the read-permission condition (over {@code m}, the models row, and {@code c}, its collection)
     */
    static Sql select(SelectQuery query, Dialect dialect, String domainRef, Sql readable, long limit, long offset) {
        QuerySql t = new QuerySql(query, dialect);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT m.model_id, m.created_at, q.version, q.modified_at, q.data");
        t.fromAndWhere(domainRef, readable, sql, params);
        sql.append(" ORDER BY ");
        for (Order order : query.orderBy()) {
            sql.append(t.orderKey(order)).append(", ");
        }
        sql.append("m.model_id ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add(offset);
        params.add(limit);
        return new Sql(sql.toString(), params);
    }

    /** How many models match, regardless of {@code LIMIT} and {@code OFFSET}. */
    static Sql count(SelectQuery query, Dialect dialect, String domainRef, Sql readable) {
        QuerySql t = new QuerySql(query, dialect);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        t.fromAndWhere(domainRef, readable, sql, params);
        return new Sql(sql.toString(), params);
    }

    private void fromAndWhere(String domainRef, Sql readable, StringBuilder sql, List<Object> params) {
        sql.append(" FROM models m JOIN model_collections c ON c.id = m.collection_ref"
                + " JOIN model_query_data q ON q.model_ref = m.id");
        for (Map.Entry<List<Object>, String> join : aliases.entrySet()) {
            if (join.getValue() != null) {
                String a = join.getValue();
                sql.append(" LEFT JOIN model_query_leaves ")
                        .append(a)
                        .append(" ON ")
                        .append(a)
                        .append(".model_ref = m.id AND ")
                        .append(a)
                        .append(".path = ?");
                params.add(QueryableData.path(join.getKey()));
            }
        }
        sql.append(" WHERE m.domain_ref = ? AND c.domain_ref = ? AND c.collection_id = ?");
        params.add(domainRef);
        params.add(domainRef);
        params.add(query.collection());
        if (query.where() != null) {
            Sql where = condition(query.where());
            sql.append(" AND (").append(where.text()).append(')');
            params.addAll(where.params());
        }
        sql.append(" AND (").append(readable.text()).append(')');
        params.addAll(readable.params());
    }

    // ------------------------------------------------------------------------------------------------ joins

    private void collect(Expr expr) {
        if (expr == null) {
            return;
        }
        if (expr instanceof FieldRef f) {
            alias(f.field());
        } else if (expr instanceof Arithmetic a) {
            collect(a.left());
            collect(a.right());
        } else if (expr instanceof Negate n) {
            collect(n.operand());
        } else if (expr instanceof Comparison c) {
            collect(c.left());
            collect(c.right());
        } else if (expr instanceof Like l) {
            collect(l.operand());
        } else if (expr instanceof In in) {
            collect(in.operand());
        } else if (expr instanceof And a) {
            collect(a.left());
            collect(a.right());
        } else if (expr instanceof Or o) {
            collect(o.left());
            collect(o.right());
        } else if (expr instanceof Not n) {
            collect(n.operand());
        }
    }

    private void alias(Field field) {
        if (field instanceof DataField data && !aliases.containsKey(data.path())) {
            aliases.put(data.path(), QueryableData.path(data.path()) == null ? null : "f" + aliases.size());
        }
    }

    // ------------------------------------------------------------------------------------------------ conditions

    private Sql condition(Expr expr) {
        if (expr instanceof And a) {
            return join("(", condition(a.left()), " AND ", condition(a.right()), ")");
        } else if (expr instanceof Or o) {
            return join("(", condition(o.left()), " OR ", condition(o.right()), ")");
        } else if (expr instanceof Not n) {
            return join("(NOT ", condition(n.operand()), ")");
        } else if (expr instanceof Comparison c) {
            if (c.op().equals("!=")) {
                return join("(NOT ", comparison("=", c.left(), c.right()), ")");
            }
            return comparison(c.op(), c.left(), c.right());
        } else if (expr instanceof Like l) {
            Sql operand = value(l.operand(), Type.STRING);
            if (operand == null) {
                return Sql.of(FALSE);
            }
            if (dialect == Dialect.H2 && LikeRegex.backtracks(l.pattern())) {
                // H2's LIKE would backtrack without bound on this pattern (see LikeRegex); a regex that matches
                // the same strings in one pass takes its place.
                return LikeRegex.of(l.pattern())
                        .map(regex -> join(
                                "COALESCE(REGEXP_LIKE(",
                                operand,
                                ", CAST(? AS VARCHAR), '" + LikeRegex.FLAGS + "'), FALSE)",
                                Sql.of("", regex)))
                        .orElse(Sql.of(FALSE));
            }
            // Backslash escapes % and _ (the same default on both databases, stated for clarity).
            return join("COALESCE(", operand, " LIKE CAST(? AS VARCHAR) ESCAPE '\\', FALSE)", Sql.of("", l.pattern()));
        } else if (expr instanceof In in) {
            return in(in);
        }
        throw new IllegalArgumentException("not a condition: " + expr);
    }

    private Sql comparison(String op, Expr left, Expr right) {
        List<Sql> alternatives = new ArrayList<>();
        for (Type type : Type.values()) {
            Sql l = value(left, type);
            Sql r = value(right, type);
            if (l != null && r != null) {
                alternatives.add(join("(", l, " " + op + " ", r, ")"));
            }
        }
        return nonNull(alternatives);
    }

    private Sql in(In in) {
        List<Sql> alternatives = new ArrayList<>();
        for (Type type : Type.values()) {
            List<Object> values = new ArrayList<>();
            for (Literal literal : in.values()) {
                if (Type.of(literal.value()) == type) {
                    values.add(literal.value());
                }
            }
            Sql operand = values.isEmpty() ? null : value(in.operand(), type);
            if (operand != null) {
                String placeholders =
                        String.join(", ", Collections.nCopies(values.size(), "CAST(? AS " + type.sqlType + ")"));
                alternatives.add(join("(", operand, " IN (" + placeholders + "))", new Sql("", values)));
            }
        }
        return nonNull(alternatives);
    }

    /** The alternatives OR-ed, with "no value" read as false: two-valued logic for NOT. */
    private static Sql nonNull(List<Sql> alternatives) {
        if (alternatives.isEmpty()) {
            return Sql.of(FALSE);
        }
        List<Object> parts = new ArrayList<>();
        parts.add("COALESCE(");
        for (int i = 0; i < alternatives.size(); i++) {
            if (i > 0) {
                parts.add(" OR ");
            }
            parts.add(alternatives.get(i));
        }
        parts.add(", FALSE)");
        return join(parts.toArray());
    }

    // ------------------------------------------------------------------------------------------------ values

    /** The expression's value as {@code type}, or null if it can never have that type. */
    private Sql value(Expr expr, Type type) {
        if (expr instanceof Literal literal) {
            return Type.of(literal.value()) == type ? Sql.of("CAST(? AS " + type.sqlType + ")", literal.value()) : null;
        } else if (expr instanceof FieldRef ref) {
            return field(ref.field(), type);
        } else if (expr instanceof Negate negate) {
            Sql operand = type == Type.NUMBER ? value(negate.operand(), Type.NUMBER) : null;
            return operand == null ? null : join("(-", operand, ")");
        } else if (expr instanceof Arithmetic a) {
            if (type != Type.NUMBER) {
                return null;
            }
            Sql l = value(a.left(), Type.NUMBER);
            Sql r = value(a.right(), Type.NUMBER);
            if (l == null || r == null) {
                return null;
            }
            return switch (a.op()) {
                case '/' -> join("(", l, " / NULLIF(", r, ", 0))");
                // truncated division, like JavaScript's %; portable for doubles (PostgreSQL's MOD is integral)
                case '%' -> join("(", l, " - ", r, " * TRUNC(", l, " / NULLIF(", r, ", 0)))");
                default -> join("(", l, " " + a.op() + " ", r, ")");
            };
        }
        return null;
    }

    private Sql field(Field field, Type type) {
        if (field == MetaField.ID) {
            return type == Type.STRING ? Sql.of("m.model_id") : null;
        }
        if (field == MetaField.VERSION) {
            return type == Type.NUMBER ? Sql.of("CAST(q.version AS DOUBLE PRECISION)") : null;
        }
        String alias = aliases.get(((DataField) field).path());
        return Sql.of(alias == null ? "CAST(NULL AS " + type.sqlType + ")" : alias + "." + type.column);
    }

    private String orderKey(Order order) {
        String direction = order.descending() ? " DESC" : " ASC";
        if (order.field() == MetaField.ID) {
            return "m.model_id" + direction;
        }
        if (order.field() == MetaField.VERSION) {
            return "q.version" + direction;
        }
        String alias = aliases.get(((DataField) order.field()).path());
        if (alias == null) {
            return "m.model_id ASC"; // a path that cannot be indexed: no model has a value there
        }
        List<String> keys = new ArrayList<>();
        for (Type type : Type.values()) {
            keys.add(alias + "." + type.column + direction + " NULLS LAST");
        }
        return String.join(", ", keys);
    }

    /** Concatenates text ({@link String}) and fragments ({@link Sql}), keeping the parameters in text order. */
    private static Sql join(Object... parts) {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Sql sql) {
                text.append(sql.text());
                params.addAll(sql.params());
            } else {
                text.append((String) part);
            }
        }
        return new Sql(text.toString(), params);
    }
}

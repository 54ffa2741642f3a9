package dev.tandem.model.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed model query: {@code SELECT [* | field [AS alias], ...] FROM collection [WHERE condition]
 * [ORDER BY field [ASC|DESC], ...] [LIMIT n] [OFFSET n]}. Built by {@link QueryParser}; immutable.
 *
 * @param projections the selected fields, in order; empty for {@code *} (the whole model)
 * @param collection the collection id
 * @param where the condition, or null for every model of the collection
 * @param orderBy the sort keys, in order (empty: by model id)
 * @param limit the {@code LIMIT}, or null if absent
 * @param offset the {@code OFFSET}, or null if absent
 */
public record SelectQuery(
        List<Projection> projections, String collection, Expr where, List<Order> orderBy, Long limit, Long offset) {

    /** Copies the lists. */
    public SelectQuery {
        projections = List.copyOf(projections);
        Objects.requireNonNull(collection, "collection");
        orderBy = List.copyOf(orderBy);
    }

    /** What a query can name: a place in the model's data, or a property of the model itself. */
    public sealed interface Field permits DataField, MetaField {
        /** The field as written, e.g. {@code a.b[0]}: the key of an unaliased projection. */
        String text();
    }

    /**
     * A place in the model's data: property names ({@link String}) and array indices ({@link Integer}), from the
     * root object down.
     */
    public record DataField(List<Object> path) implements Field {
        /** Copies the path, which must start with a property name. */
        public DataField {
            path = List.copyOf(path);
            if (path.isEmpty() || !(path.get(0) instanceof String)) {
                throw new IllegalArgumentException("a data field starts with a property name");
            }
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer index) {
                    text.append('[').append(index).append(']');
                } else {
                    if (!text.isEmpty()) {
                        text.append('.');
                    }
                    text.append(segment);
                }
            }
            return text.toString();
        }
    }

    /** A property of the model rather than of its data: {@code @id} or {@code @version}. */
    public enum MetaField implements Field {
        /** The model id (a string). */
        ID("@id"),
        /** The model's version (a number). */
        VERSION("@version");

        private final String text;

        MetaField(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    /** One selected field and the key it gets in the result's data. */
    public record Projection(Field field, String alias) {
        /** The result key: the alias, or the field as written. */
        public String key() {
            return alias != null ? alias : field.text();
        }
    }

    /** One sort key. */
    public record Order(Field field, boolean descending) {}

    /** A node of the {@code WHERE} condition. {@code position} is where it starts in the query text (0-based). */
    public sealed interface Expr permits FieldRef, Literal, Arithmetic, Negate, Comparison, Like, In, And, Or, Not {
        int position();
    }

    /** A field's value in the model (absent if the model has no such field). */
    public record FieldRef(Field field, int position) implements Expr {}

    /** A constant: a {@link String}, a {@link Double} or a {@link Boolean}. */
    public record Literal(Object value, int position) implements Expr {}

    /** {@code left op right} with op one of {@code + - * / %}. */
    public record Arithmetic(char op, Expr left, Expr right, int position) implements Expr {}

    /** {@code -operand}. */
    public record Negate(Expr operand, int position) implements Expr {}

    /** {@code left op right} with op one of {@code = != < <= > >=}. */
    public record Comparison(String op, Expr left, Expr right, int position) implements Expr {}

    /** {@code operand LIKE 'pattern'}: {@code %} any run, {@code _} one character, backslash escapes them. */
    public record Like(Expr operand, String pattern, int position) implements Expr {}

    /** {@code operand IN [v1, v2, ...]}: equal to one of the constants. */
    public record In(Expr operand, List<Literal> values, int position) implements Expr {
        /** Copies the values. */
        public In {
            values = List.copyOf(values);
        }
    }

    /** Both. */
    public record And(Expr left, Expr right, int position) implements Expr {}

    /** Either. */
    public record Or(Expr left, Expr right, int position) implements Expr {}

    /** Not. */
    public record Not(Expr operand, int position) implements Expr {}

    /** True for the nodes that are conditions rather than values. */
    static boolean isCondition(Expr expr) {
        return expr instanceof Comparison
                || expr instanceof Like
                || expr instanceof In
                || expr instanceof And
                || expr instanceof Or
                || expr instanceof Not;
    }

    /**
     * The query in a canonical prefix form, e.g. {@code select * from c where (and (= a.b 1) (not (like @id 'x%')))
     * order by a desc limit 5}: what the parser tests compare against.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (Projection p : projections) {
            fields.add(p.alias() == null ? p.field().text() : p.field().text() + " as " + p.alias());
        }
        parts.add("select " + (fields.isEmpty() ? "*" : String.join(", ", fields)));
        parts.add("from " + collection);
        if (where != null) {
            parts.add("where " + describe(where));
        }
        if (!orderBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (Order o : orderBy) {
                keys.add(o.field().text() + (o.descending() ? " desc" : " asc"));
            }
            parts.add("order by " + String.join(", ", keys));
        }
        if (limit != null) {
            parts.add("limit " + limit);
        }
        if (offset != null) {
            parts.add("offset " + offset);
        }
        return String.join(" ", parts);
    }

    static String describe(Expr expr) {
        if (expr instanceof FieldRef f) {
            return f.field().text();
        } else if (expr instanceof Literal l) {
            return literal(l.value());
        } else if (expr instanceof Arithmetic a) {
            return "(" + a.op() + " " + describe(a.left()) + " " + describe(a.right()) + ")";
        } else if (expr instanceof Negate n) {
            return "(neg " + describe(n.operand()) + ")";
        } else if (expr instanceof Comparison c) {
            return "(" + c.op() + " " + describe(c.left()) + " " + describe(c.right()) + ")";
        } else if (expr instanceof Like l) {
            return "(like " + describe(l.operand()) + " " + literal(l.pattern()) + ")";
        } else if (expr instanceof In in) {
            List<String> values = new ArrayList<>();
            for (Literal v : in.values()) {
                values.add(literal(v.value()));
            }
            return "(in " + describe(in.operand()) + " [" + String.join(" ", values) + "])";
        } else if (expr instanceof And a) {
            return "(and " + describe(a.left()) + " " + describe(a.right()) + ")";
        } else if (expr instanceof Or o) {
            return "(or " + describe(o.left()) + " " + describe(o.right()) + ")";
        } else {
            return "(not " + describe(((Not) expr).operand()) + ")";
        }
    }

    private static String literal(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}

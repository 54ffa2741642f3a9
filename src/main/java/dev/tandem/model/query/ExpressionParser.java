package dev.tandem.model.query;

import static dev.tandem.model.query.QueryLexer.describe;
import static dev.tandem.model.query.QueryLexer.error;
import static dev.tandem.model.query.QueryParser.MAX_DEPTH;
import static dev.tandem.model.query.QueryParser.MAX_FIELDS;
import static dev.tandem.model.query.QueryParser.MAX_IN_VALUES;
import static dev.tandem.model.query.QueryParser.MAX_PATH_SEGMENTS;

import dev.tandem.model.query.QueryLexer.Kind;
import dev.tandem.model.query.QueryLexer.Token;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The conditions and values of a query ({@code or} down to {@code field} and {@code name} in {@link QueryParser}'s
 * grammar), with the bounds that keep a hostile query small: nesting depth, list sizes, path lengths and the number
 * of distinct data fields (each one a join).
 */
final class ExpressionParser {

    private final QueryLexer tokens;
    private int depth;
    private final Set<List<Object>> dataFields = new HashSet<>();

    ExpressionParser(QueryLexer tokens) {
        this.tokens = tokens;
    }

    // ------------------------------------------------------------------------------------------------ conditions

    Expr or() {
        enter();
        Expr left = and();
        while (tokens.peek().is("or")) {
            tokens.next();
            Expr right = and();
            requireCondition(left, left.position());
            requireCondition(right, right.position());
            left = new Or(left, right, left.position());
        }
        depth--;
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (tokens.peek().is("and")) {
            tokens.next();
            Expr right = not();
            requireCondition(left, left.position());
            requireCondition(right, right.position());
            left = new And(left, right, left.position());
        }
        return left;
    }

    private Expr not() {
        if (tokens.peek().is("not")) {
            Token op = tokens.next();
            enter();
            Token start = tokens.peek();
            Expr operand = not();
            depth--;
            requireCondition(operand, start.start());
            return new Not(operand, op.start());
        }
        return predicate();
    }

    private Expr predicate() {
        Token start = tokens.peek();
        Expr left = sum();
        Token op = tokens.peek();
        if (op.kind() == Kind.SYMBOL && isComparison(op.text())) {
            tokens.next();
            Token rightStart = tokens.peek();
            Expr right = sum();
            requireValue(left, start);
            requireValue(right, rightStart);
            Token after = tokens.peek();
            if (after.kind() == Kind.SYMBOL && isComparison(after.text())) {
                throw error("comparisons do not chain; use AND", after);
            }
            String normalized = op.text().equals("<>") ? "!=" : op.text();
            return new Comparison(normalized, left, right, left.position());
        }
        boolean negated = false;
        if (op.is("not")) {
            // "x NOT LIKE ..." and "x NOT IN ...": only valid right after a value
            tokens.next();
            negated = true;
            op = tokens.peek();
            if (!op.is("like") && !op.is("in")) {
                throw error("expected LIKE or IN after NOT", op);
            }
        }
        if (op.is("like")) {
            tokens.next();
            requireValue(left, start);
            Token pattern = tokens.next();
            if (pattern.kind() != Kind.STRING) {
                throw error("LIKE needs a quoted pattern", pattern);
            }
            Expr like = new Like(left, pattern.text(), left.position());
            return negated ? new Not(like, left.position()) : like;
        }
        if (op.is("in")) {
            tokens.next();
            requireValue(left, start);
            Expr in = new In(left, list(), left.position());
            return negated ? new Not(in, left.position()) : in;
        }
        return left;
    }

    private List<Literal> list() {
        Token open = tokens.next();
        String close;
        if (open.is("[")) {
            close = "]";
        } else if (open.is("(")) {
            close = ")";
        } else {
            throw error("IN needs a list like [1, 2]", open);
        }
        List<Literal> values = new ArrayList<>();
        if (tokens.acceptSymbol(close)) {
            return values;
        }
        do {
            if (values.size() == MAX_IN_VALUES) {
                throw error("more than " + MAX_IN_VALUES + " values in a list", tokens.peek());
            }
            Token start = tokens.peek();
            Expr value = unary();
            if (!(value instanceof Literal literal)) {
                throw error("a list holds only constants", start);
            }
            values.add(literal);
        } while (tokens.acceptSymbol(","));
        Token end = tokens.next();
        if (!end.is(close)) {
            throw error("expected '" + close + "'", end);
        }
        return values;
    }

    // ------------------------------------------------------------------------------------------------ values

    private Expr sum() {
        return arithmetic(this::product, "+", "-");
    }

    private Expr product() {
        return arithmetic(this::unary, "*", "/", "%");
    }

    /** A left-associative chain of one precedence level: operand (op operand)*. */
    private Expr arithmetic(Supplier<Expr> operand, String... operators) {
        Token start = tokens.peek();
        Expr left = operand.get();
        while (List.of(operators)
                .contains(tokens.peek().kind() == Kind.SYMBOL ? tokens.peek().text() : "")) {
            Token op = tokens.next();
            Token rightStart = tokens.peek();
            Expr right = operand.get();
            requireValue(left, start);
            requireValue(right, rightStart);
            left = new Arithmetic(op.text().charAt(0), left, right, left.position());
        }
        return left;
    }

    private Expr unary() {
        Token token = tokens.peek();
        if (token.is("-") || token.is("+")) {
            tokens.next();
            enter();
            Token operandStart = tokens.peek();
            Expr operand = unary();
            depth--;
            requireValue(operand, operandStart);
            if (token.is("+")) {
                return operand;
            }
            if (operand instanceof Literal literal && literal.value() instanceof Double d) {
                return new Literal(-d, token.start());
            }
            return new Negate(operand, token.start());
        }
        switch (token.kind()) {
            case STRING -> {
                tokens.next();
                return new Literal(token.text(), token.start());
            }
            case NUMBER -> {
                tokens.next();
                double value;
                try {
                    value = Double.parseDouble(token.text());
                } catch (NumberFormatException e) {
                    throw error("not a number: " + token.text(), token);
                }
                if (Double.isInfinite(value)) {
                    throw error("number out of range: " + token.text(), token);
                }
                return new Literal(value, token.start());
            }
            case SYMBOL -> {
                if (token.is("(")) {
                    tokens.next();
                    Expr inner = or();
                    Token close = tokens.next();
                    if (!close.is(")")) {
                        throw error("expected ')'", close);
                    }
                    return inner;
                }
                throw error("expected a value", token);
            }
            case WORD -> {
                if (token.is("true") || token.is("false")) {
                    tokens.next();
                    return new Literal(token.is("true"), token.start());
                }
                if (token.isKeyword()) {
                    throw error(
                            "expected a value, found keyword " + token.text().toUpperCase(Locale.ROOT)
                                    + " (quote a field of that name with backticks)",
                            token);
                }
                return new FieldRef(field(), token.start());
            }
            case QUOTED_NAME, META -> {
                return new FieldRef(field(), token.start());
            }
            default -> throw error("expected a value", token);
        }
    }

    Field field() {
        Token first = tokens.next();
        if (first.kind() == Kind.META) {
            String name = first.text();
            if (name.startsWith("@@")) {
                return dataField(first, pathFrom(first, name.substring(1)));
            }
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "@id" -> MetaField.ID;
                case "@version" -> MetaField.VERSION;
                default ->
                    throw error(
                            "unknown model property " + name + " (only @id and @version; write @@" + name.substring(1)
                                    + " for a data field named " + name + ")",
                            first);
            };
        }
        if (first.kind() == Kind.QUOTED_NAME || first.kind() == Kind.WORD && !first.isKeyword()) {
            return dataField(first, pathFrom(first, first.text()));
        }
        throw error("expected a field, found " + describe(first), first);
    }

    private List<Object> pathFrom(Token first, String firstName) {
        List<Object> path = new ArrayList<>();
        path.add(firstName);
        Token previous = first;
        while (true) {
            Token next = tokens.peek();
            if (next.start() != previous.end()) {
                break; // blanks end a field: "a .b" is not a path
            }
            if (next.is(".")) {
                tokens.next();
                Token name = tokens.next();
                if (name.start() != next.end()
                        || !(name.kind() == Kind.QUOTED_NAME || name.kind() == Kind.WORD && !name.isKeyword())) {
                    throw error("expected a property name after '.'", name);
                }
                path.add(name.text());
                previous = name;
            } else if (next.is("[")) {
                tokens.next();
                Token index = tokens.next();
                if (index.kind() != Kind.NUMBER
                        || !index.text().chars().allMatch(Character::isDigit)
                        || index.text().length() > 9) {
                    throw error("an array index is a whole number", index);
                }
                Token close = tokens.next();
                if (!close.is("]")) {
                    throw error("expected ']'", close);
                }
                path.add(Integer.parseInt(index.text()));
                previous = close;
            } else {
                break;
            }
            if (path.size() > MAX_PATH_SEGMENTS) {
                throw error("a field path has at most " + MAX_PATH_SEGMENTS + " parts", first);
            }
        }
        return path;
    }

    private DataField dataField(Token at, List<Object> path) {
        dataFields.add(path);
        if (dataFields.size() > MAX_FIELDS) {
            throw error("a query names at most " + MAX_FIELDS + " different fields", at);
        }
        return new DataField(path);
    }

    String name(String what) {
        Token token = tokens.next();
        if (token.kind() == Kind.QUOTED_NAME || token.kind() == Kind.WORD && !token.isKeyword()) {
            return token.text();
        }
        throw error("expected " + what + ", found " + describe(token), token);
    }

    // ------------------------------------------------------------------------------------------------ checks

    static void requireCondition(Expr expr, int position) {
        if (!SelectQuery.isCondition(expr)) {
            throw new InvalidQueryException("expected a condition (a comparison, LIKE or IN)", position);
        }
    }

    private void requireValue(Expr expr, Token at) {
        if (SelectQuery.isCondition(expr)) {
            throw error("expected a value, found a condition", at);
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new InvalidQueryException("the query nests deeper than " + MAX_DEPTH, tokens.position());
        }
    }

    private static boolean isComparison(String symbol) {
        return switch (symbol) {
            case "=", "!=", "<>", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
    }
}

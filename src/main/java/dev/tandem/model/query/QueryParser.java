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
import dev.tandem.model.query.SelectQuery.Projection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A hand-written recursive-descent parser for Convergence's model query language, plus {@code IN [...]} (which
 * Convergence documented but never parsed).
 *
 * <pre>
 * query      := SELECT ( '*' | projection (',' projection)* )? FROM collection
 *               (WHERE or)? (ORDER BY order (',' order)*)? (LIMIT int)? (OFFSET int)?
 * projection := field (AS name)?
 * collection := any run of non-blank characters, or `quoted`
 * order      := field (ASC | ASCENDING | DESC | DESCENDING)?
 * or         := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | predicate
 * predicate  := sum ( ('=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum
 *                   | NOT? LIKE string | NOT? IN list )?
 * list       := '[' (literal (',' literal)*)? ']'  |  '(' ... ')'
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/' | '%') unary)*
 * unary      := ('-' | '+') unary | literal | field | '(' or ')'
 * field      := @id | @version | name ( '.' name | '[' digits ']' )*    (no blanks inside a field)
 * name       := letter (letter | digit | '_' | '$')*  |  `any text`       (@@x names a data field "@x")
 * literal    := 'text' | "text" | number | TRUE | FALSE                  (backslash escapes the quote and itself)
 * </pre>
 *
 * Keywords are case-insensitive and reserved: a field called {@code order} is written {@code `order`}. A predicate
 * must be a condition: {@code WHERE done} is refused, {@code WHERE done = true} is meant. Comparisons do not chain.
 * Every error is an {@link InvalidQueryException} with the 0-based position of the offending token. Inputs are
 * bounded (length, nesting, list sizes), so a hostile query cannot exhaust the stack or build a huge statement.
 */
public final class QueryParser {

    /** Longest accepted query text. */
    public static final int MAX_LENGTH = 10_000;
    /** Deepest accepted nesting of parentheses and operators. */
    public static final int MAX_DEPTH = 64;
    /** Most values in one {@code IN} list. */
    public static final int MAX_IN_VALUES = 1_000;
    /** Most distinct data fields one query may name (each is a join). */
    public static final int MAX_FIELDS = 32;
    /** Most projections and most sort keys. */
    public static final int MAX_TERMS = 100;
    /** Longest field path in segments. */
    public static final int MAX_PATH_SEGMENTS = 32;

    private static final Set<String> KEYWORDS = Set.of(
            "select",
            "from",
            "where",
            "order",
            "by",
            "asc",
            "ascending",
            "desc",
            "descending",
            "limit",
            "offset",
            "and",
            "or",
            "not",
            "like",
            "in",
            "as",
            "true",
            "false");

    private enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        META,
        SYMBOL,
        END
    }

    private record Token(Kind kind, String text, int start, int end) {
        boolean is(String keywordOrSymbol) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(keywordOrSymbol);
        }

        boolean isKeyword() {
            return kind == Kind.WORD && KEYWORDS.contains(text.toLowerCase(Locale.ROOT));
        }
    }

    private final String input;
    private int pos;
    private Token peeked;
    private int depth;
    private final Set<List<Object>> dataFields = new HashSet<>();

    private final long maxLimit;
    private final long maxOffset;

    private QueryParser(String input, long maxLimit, long maxOffset) {
        this.input = input;
        this.maxLimit = maxLimit;
        this.maxOffset = maxOffset;
    }

    /**
     * Parses a query with no bound on {@code LIMIT} and {@code OFFSET} beyond 12 digits.
     *
     * @throws InvalidQueryException if it is not a valid query
     */
    public static SelectQuery parse(String query) {
        return parse(query, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Parses a query, refusing a {@code LIMIT} above {@code maxLimit} or an {@code OFFSET} above {@code maxOffset}.
     *
     * @throws InvalidQueryException if it is not a valid query
     */
    public static SelectQuery parse(String query, long maxLimit, long maxOffset) {
        if (query == null) {
            throw new InvalidQueryException("no query", 0);
        }
        if (query.length() > MAX_LENGTH) {
            throw new InvalidQueryException("the query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        return new QueryParser(query, maxLimit, maxOffset).query();
    }

    // ------------------------------------------------------------------------------------------------ statement

    private SelectQuery query() {
        expectKeyword("select");
        List<Projection> projections = new ArrayList<>();
        if (peek().is("*")) {
            next();
        } else if (!peek().is("from")) {
            do {
                if (projections.size() == MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " selected fields", peek());
                }
                Field field = field();
                String alias = null;
                if (peek().is("as")) {
                    next();
                    alias = name("an alias");
                }
                projections.add(new Projection(field, alias));
            } while (acceptSymbol(","));
        }
        expectKeyword("from");
        String collection = collection();
        Expr where = null;
        if (peek().is("where")) {
            next();
            Token start = peek();
            where = or();
            requireCondition(where, start.start());
        }
        List<Order> orderBy = new ArrayList<>();
        if (peek().is("order")) {
            next();
            expectKeyword("by");
            do {
                if (orderBy.size() == MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " sort keys", peek());
                }
                Field field = field();
                boolean descending = false;
                if (peek().is("desc") || peek().is("descending")) {
                    next();
                    descending = true;
                } else if (peek().is("asc") || peek().is("ascending")) {
                    next();
                }
                orderBy.add(new Order(field, descending));
            } while (acceptSymbol(","));
        }
        Long limit = null;
        if (peek().is("limit")) {
            next();
            limit = count("LIMIT", maxLimit);
        }
        Long offset = null;
        if (peek().is("offset")) {
            next();
            offset = count("OFFSET", maxOffset);
        }
        Token end = peek();
        if (end.kind() != Kind.END) {
            throw error("unexpected " + describe(end), end);
        }
        return new SelectQuery(projections, collection, where, orderBy, limit, offset);
    }

    private String collection() {
        skipBlanks();
        peeked = null;
        int start = pos;
        if (start < input.length() && input.charAt(start) == '`') {
            Token quoted = next();
            return quoted.text();
        }
        while (pos < input.length() && !Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new InvalidQueryException("expected a collection id", start);
        }
        return input.substring(start, pos);
    }

    private long count(String clause, long max) {
        Token token = next();
        if (token.kind() != Kind.NUMBER || !token.text().chars().allMatch(Character::isDigit)) {
            throw error(clause + " needs a whole number", token);
        }
        if (token.text().length() > 12 || Long.parseLong(token.text()) > max) {
            throw error(clause + " is at most " + (max == Long.MAX_VALUE ? 999_999_999_999L : max), token);
        }
        return Long.parseLong(token.text());
    }

    // ------------------------------------------------------------------------------------------------ conditions

    private Expr or() {
        enter();
        Expr left = and();
        while (peek().is("or")) {
            next();
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
        while (peek().is("and")) {
            next();
            Expr right = not();
            requireCondition(left, left.position());
            requireCondition(right, right.position());
            left = new And(left, right, left.position());
        }
        return left;
    }

    private Expr not() {
        if (peek().is("not")) {
            Token op = next();
            enter();
            Token start = peek();
            Expr operand = not();
            depth--;
            requireCondition(operand, start.start());
            return new Not(operand, op.start());
        }
        return predicate();
    }

    private Expr predicate() {
        Token start = peek();
        Expr left = sum();
        Token op = peek();
        if (op.kind() == Kind.SYMBOL && isComparison(op.text())) {
            next();
            Token rightStart = peek();
            Expr right = sum();
            requireValue(left, start);
            requireValue(right, rightStart);
            Token after = peek();
            if (after.kind() == Kind.SYMBOL && isComparison(after.text())) {
                throw error("comparisons do not chain; use AND", after);
            }
            String normalized = op.text().equals("<>") ? "!=" : op.text();
            return new Comparison(normalized, left, right, left.position());
        }
        boolean negated = false;
        if (op.is("not")) {
            // "x NOT LIKE ..." and "x NOT IN ...": only valid right after a value
            next();
            negated = true;
            op = peek();
            if (!op.is("like") && !op.is("in")) {
                throw error("expected LIKE or IN after NOT", op);
            }
        }
        if (op.is("like")) {
            next();
            requireValue(left, start);
            Token pattern = next();
            if (pattern.kind() != Kind.STRING) {
                throw error("LIKE needs a quoted pattern", pattern);
            }
            Expr like = new Like(left, pattern.text(), left.position());
            return negated ? new Not(like, left.position()) : like;
        }
        if (op.is("in")) {
            next();
            requireValue(left, start);
            Expr in = new In(left, list(), left.position());
            return negated ? new Not(in, left.position()) : in;
        }
        return left;
    }

    private List<Literal> list() {
        Token open = next();
        String close;
        if (open.is("[")) {
            close = "]";
        } else if (open.is("(")) {
            close = ")";
        } else {
            throw error("IN needs a list like [1, 2]", open);
        }
        List<Literal> values = new ArrayList<>();
        if (acceptSymbol(close)) {
            return values;
        }
        do {
            if (values.size() == MAX_IN_VALUES) {
                throw error("more than " + MAX_IN_VALUES + " values in a list", peek());
            }
            Token start = peek();
            Expr value = unary();
            if (!(value instanceof Literal literal)) {
                throw error("a list holds only constants", start);
            }
            values.add(literal);
        } while (acceptSymbol(","));
        Token end = next();
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
        Token start = peek();
        Expr left = operand.get();
        while (List.of(operators).contains(peek().kind() == Kind.SYMBOL ? peek().text() : "")) {
            Token op = next();
            Token rightStart = peek();
            Expr right = operand.get();
            requireValue(left, start);
            requireValue(right, rightStart);
            left = new Arithmetic(op.text().charAt(0), left, right, left.position());
        }
        return left;
    }

    private Expr unary() {
        Token token = peek();
        if (token.is("-") || token.is("+")) {
            next();
            enter();
            Token operandStart = peek();
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
                next();
                return new Literal(token.text(), token.start());
            }
            case NUMBER -> {
                next();
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
                    next();
                    Expr inner = or();
                    Token close = next();
                    if (!close.is(")")) {
                        throw error("expected ')'", close);
                    }
                    return inner;
                }
                throw error("expected a value", token);
            }
            case WORD -> {
                if (token.is("true") || token.is("false")) {
                    next();
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

    private Field field() {
        Token first = next();
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
            Token next = peek();
            if (next.start() != previous.end()) {
                break; // blanks end a field: "a .b" is not a path
            }
            if (next.is(".")) {
                next();
                Token name = next();
                if (name.start() != next.end()
                        || !(name.kind() == Kind.QUOTED_NAME || name.kind() == Kind.WORD && !name.isKeyword())) {
                    throw error("expected a property name after '.'", name);
                }
                path.add(name.text());
                previous = name;
            } else if (next.is("[")) {
                next();
                Token index = next();
                if (index.kind() != Kind.NUMBER
                        || !index.text().chars().allMatch(Character::isDigit)
                        || index.text().length() > 9) {
                    throw error("an array index is a whole number", index);
                }
                Token close = next();
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

    private String name(String what) {
        Token token = next();
        if (token.kind() == Kind.QUOTED_NAME || token.kind() == Kind.WORD && !token.isKeyword()) {
            return token.text();
        }
        throw error("expected " + what + ", found " + describe(token), token);
    }

    // ------------------------------------------------------------------------------------------------ checks

    private static void requireCondition(Expr expr, int position) {
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
            throw new InvalidQueryException("the query nests deeper than " + MAX_DEPTH, pos);
        }
    }

    private static boolean isComparison(String symbol) {
        return switch (symbol) {
            case "=", "!=", "<>", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.is(keyword) || token.kind() != Kind.WORD) {
            throw error("expected " + keyword.toUpperCase(Locale.ROOT) + ", found " + describe(token), token);
        }
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private static String describe(Token token) {
        return switch (token.kind()) {
            case END -> "the end of the query";
            case STRING -> "a string";
            case NUMBER -> "number " + token.text();
            default -> "'" + token.text() + "'";
        };
    }

    private static InvalidQueryException error(String problem, Token at) {
        return new InvalidQueryException(problem, at.start());
    }

    // ------------------------------------------------------------------------------------------------ lexer

    private Token peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    private Token next() {
        Token token = peek();
        peeked = null;
        pos = token.end();
        return token;
    }

    private void skipBlanks() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    /** The token at {@link #pos} (after blanks), without consuming it. */
    private Token lex() {
        skipBlanks();
        int start = pos;
        if (start >= input.length()) {
            return new Token(Kind.END, "", start, start);
        }
        char c = input.charAt(start);
        if (c == '\'' || c == '"') {
            return quoted(start, c, Kind.STRING);
        }
        if (c == '`') {
            Token name = quoted(start, '`', Kind.QUOTED_NAME);
            if (name.text().isEmpty()) {
                throw new InvalidQueryException("an empty `name`", start);
            }
            return name;
        }
        if (Character.isDigit(c)) {
            return number(start);
        }
        if (c == '@') {
            int end = start + 1;
            if (end < input.length() && input.charAt(end) == '@') {
                end++;
            }
            int nameStart = end;
            while (end < input.length() && isNamePart(input.charAt(end))) {
                end++;
            }
            if (end == nameStart) {
                throw new InvalidQueryException("expected a name after '@'", start);
            }
            return new Token(Kind.META, input.substring(start, end), start, end);
        }
        if (isNameStart(c)) {
            int end = start + 1;
            while (end < input.length() && isNamePart(input.charAt(end))) {
                end++;
            }
            return new Token(Kind.WORD, input.substring(start, end), start, end);
        }
        if (start + 1 < input.length()) {
            String two = input.substring(start, start + 2);
            if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                return new Token(Kind.SYMBOL, two, start, start + 2);
            }
        }
        if ("=<>+-*/%()[],.".indexOf(c) >= 0) {
            return new Token(Kind.SYMBOL, String.valueOf(c), start, start + 1);
        }
        throw new InvalidQueryException("unexpected character '" + c + "'", start);
    }

    private Token quoted(int start, char quote, Kind kind) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == quote) {
                return new Token(kind, text.toString(), start, i + 1);
            }
            if (c == '\\' && i + 1 < input.length()) {
                char escaped = input.charAt(i + 1);
                if (escaped == quote || escaped == '\\') {
                    // Other escapes stay as written, so a LIKE pattern keeps "\%" and "\_".
                    text.append(escaped);
                    i += 2;
                    continue;
                }
            }
            text.append(c);
            i++;
        }
        throw new InvalidQueryException("unterminated " + (kind == Kind.STRING ? "string" : "`name`"), start);
    }

    private Token number(int start) {
        int i = start;
        while (i < input.length() && Character.isDigit(input.charAt(i))) {
            i++;
        }
        if (i + 1 < input.length() && input.charAt(i) == '.' && Character.isDigit(input.charAt(i + 1))) {
            i++;
            while (i < input.length() && Character.isDigit(input.charAt(i))) {
                i++;
            }
        }
        if (i < input.length() && (input.charAt(i) == 'e' || input.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < input.length() && (input.charAt(j) == '+' || input.charAt(j) == '-')) {
                j++;
            }
            if (j < input.length() && Character.isDigit(input.charAt(j))) {
                i = j;
                while (i < input.length() && Character.isDigit(input.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < input.length() && isNamePart(input.charAt(i))) {
            throw new InvalidQueryException("a name cannot start with a digit", start);
        }
        return new Token(Kind.NUMBER, input.substring(start, i), start, i);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

package dev.tandem.model.query;

import static dev.tandem.model.query.QueryLexer.describe;
import static dev.tandem.model.query.QueryLexer.error;

import dev.tandem.model.query.QueryLexer.Kind;
import dev.tandem.model.query.QueryLexer.Token;
import dev.tandem.model.query.SelectQuery.Expr;
import dev.tandem.model.query.SelectQuery.Field;
import dev.tandem.model.query.SelectQuery.Order;
import dev.tandem.model.query.SelectQuery.Projection;
import java.util.ArrayList;
import java.util.List;

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
 *
 * <p>This class parses the statement; {@link ExpressionParser} the conditions and values, {@link QueryLexer} the
 * tokens.
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

    private final QueryLexer tokens;
    private final ExpressionParser expressions;
    private final long maxLimit;
    private final long maxOffset;

    private QueryParser(String input, long maxLimit, long maxOffset) {
        this.tokens = new QueryLexer(input);
        this.expressions = new ExpressionParser(tokens);
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
        tokens.expectKeyword("select");
        List<Projection> projections = new ArrayList<>();
        if (tokens.peek().is("*")) {
            tokens.next();
        } else if (!tokens.peek().is("from")) {
            do {
                if (projections.size() == MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " selected fields", tokens.peek());
                }
                Field field = expressions.field();
                String alias = null;
                if (tokens.peek().is("as")) {
                    tokens.next();
                    alias = expressions.name("an alias");
                }
                projections.add(new Projection(field, alias));
            } while (tokens.acceptSymbol(","));
        }
        tokens.expectKeyword("from");
        String collection = tokens.collectionId();
        Expr where = null;
        if (tokens.peek().is("where")) {
            tokens.next();
            Token start = tokens.peek();
            where = expressions.or();
            ExpressionParser.requireCondition(where, start.start());
        }
        List<Order> orderBy = new ArrayList<>();
        if (tokens.peek().is("order")) {
            tokens.next();
            tokens.expectKeyword("by");
            do {
                if (orderBy.size() == MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " sort keys", tokens.peek());
                }
                Field field = expressions.field();
                boolean descending = false;
                if (tokens.peek().is("desc") || tokens.peek().is("descending")) {
                    tokens.next();
                    descending = true;
                } else if (tokens.peek().is("asc") || tokens.peek().is("ascending")) {
                    tokens.next();
                }
                orderBy.add(new Order(field, descending));
            } while (tokens.acceptSymbol(","));
        }
        Long limit = null;
        if (tokens.peek().is("limit")) {
            tokens.next();
            limit = count("LIMIT", maxLimit);
        }
        Long offset = null;
        if (tokens.peek().is("offset")) {
            tokens.next();
            offset = count("OFFSET", maxOffset);
        }
        Token end = tokens.peek();
        if (end.kind() != Kind.END) {
            throw error("unexpected " + describe(end), end);
        }
        return new SelectQuery(projections, collection, where, orderBy, limit, offset);
    }

    private long count(String clause, long max) {
        Token token = tokens.next();
        if (token.kind() != Kind.NUMBER || !token.text().chars().allMatch(Character::isDigit)) {
            throw error(clause + " needs a whole number", token);
        }
        if (token.text().length() > 12 || Long.parseLong(token.text()) > max) {
            throw error(clause + " is at most " + (max == Long.MAX_VALUE ? 999_999_999_999L : max), token);
        }
        return Long.parseLong(token.text());
    }
}

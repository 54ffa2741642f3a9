package dev.tandem.model.query;

import java.util.Locale;
import java.util.Set;

/**
 * The tokens of the model query language for {@link QueryParser}: keywords and names, {@code `quoted names`},
 * {@code 'strings'}, numbers, {@code @meta} fields and symbols, each with its 0-based span in the query. One token of
 * look-ahead; blanks separate tokens and are remembered only through the spans (a field path has no blanks inside).
 */
final class QueryLexer {

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

    enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        META,
        SYMBOL,
        END
    }

    record Token(Kind kind, String text, int start, int end) {
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

    QueryLexer(String input) {
        this.input = input;
    }

    /** Where the next token starts looking: the end of the last one taken. */
    int position() {
        return pos;
    }

    Token peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    Token next() {
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

    /**
     * A collection id: a {@code `quoted`} name, or else any run of non-blank characters, which need not be a token
     * (collection ids may hold dots, dashes and such).
     */
    String collectionId() {
        skipBlanks();
        peeked = null;
        int start = pos;
        if (start < input.length() && input.charAt(start) == '`') {
            return next().text();
        }
        while (pos < input.length() && !Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new InvalidQueryException("expected a collection id", start);
        }
        return input.substring(start, pos);
    }

    void expectKeyword(String keyword) {
        Token token = next();
        if (!token.is(keyword) || token.kind() != Kind.WORD) {
            throw error("expected " + keyword.toUpperCase(Locale.ROOT) + ", found " + describe(token), token);
        }
    }

    boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            next();
            return true;
        }
        return false;
    }

    static String describe(Token token) {
        return switch (token.kind()) {
            case END -> "the end of the query";
            case STRING -> "a string";
            case NUMBER -> "number " + token.text();
            default -> "'" + token.text() + "'";
        };
    }

    static InvalidQueryException error(String problem, Token at) {
        return new InvalidQueryException(problem, at.start());
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

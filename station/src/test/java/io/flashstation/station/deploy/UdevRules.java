package io.flashstation.station.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A udev rules file parsed strictly (every line must be a comment, blank, or comma-separated KEY op "value"
 * tokens) and evaluated the way udev does for one device event: match keys in order, GOTO to a LABEL, and
 * assignments where every match of the line holds. Values are shell globs (*, ?, [a-f]) with | separating
 * alternatives, as in udev(7).
 */
final class UdevRules {

    /** One KEY{attribute} op "value" token. */
    record Token(String key, String op, String value) {

        boolean isMatch() {
            return op.equals("==") || op.equals("!=");
        }

        /** Whether this match holds for a device property; an absent property matches only "!=". */
        boolean holds(String actual) {
            boolean equal = actual != null && globMatches(value, actual);
            return op.equals("==") == equal;
        }
    }

    /** One rule line, with its line number for messages. */
    record Rule(int line, List<Token> tokens) {

        List<Token> matches() {
            return tokens.stream().filter(Token::isMatch).toList();
        }

        List<Token> assignments() {
            return tokens.stream().filter(t -> !t.isMatch()).toList();
        }

        /** The value this line matches {@code key} against with "==", or null. */
        String matchValue(String key) {
            return matches().stream().filter(t -> t.key().equals(key) && t.op().equals("=="))
                    .map(Token::value).findFirst().orElse(null);
        }
    }

    private static final Pattern TOKEN =
            Pattern.compile("\\s*([A-Z_]+(?:\\{[^}]+})?)\\s*(==|!=|\\+=|-=|:=|=)\\s*\"([^\"]*)\"\\s*(,|$)");

    /** Tests evaluate the same few globs for every product ID of a vendor: compile each once. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private final List<Rule> rules;

    private UdevRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses {@code path}, rejecting any line udev's syntax does not allow. */
    static UdevRules read(Path path) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = Files.readAllLines(path);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rules.add(new Rule(i + 1, tokens(path, i + 1, line)));
        }
        return new UdevRules(rules);
    }

    private static List<Token> tokens(Path path, int lineNumber, String line) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        int at = 0;
        while (at < line.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(path + ":" + lineNumber + ": not udev syntax at column "
                        + (at + 1) + ": " + line);
            }
            tokens.add(new Token(m.group(1), m.group(2), m.group(3)));
            at = m.end();
        }
        return tokens;
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * The assignments udev makes for a device event with these properties (keys as in rules: "ACTION",
     * "SUBSYSTEM", "ATTRS{idVendor}", ...). "=" and ":=" replace, "+=" appends with a space.
     */
    Map<String, String> evaluate(Map<String, String> device) {
        Map<String, String> assigned = new HashMap<>();
        String skipTo = null;
        for (Rule rule : rules) {
            String label = rule.tokens().stream().filter(t -> t.key().equals("LABEL")).map(Token::value)
                    .findFirst().orElse(null);
            if (skipTo != null) {
                if (skipTo.equals(label)) {
                    skipTo = null;
                }
                continue;
            }
            if (!rule.matches().stream().allMatch(t -> t.holds(device.get(t.key())))) {
                continue;
            }
            for (Token t : rule.assignments()) {
                switch (t.key()) {
                    case "GOTO" -> skipTo = t.value();
                    case "LABEL" -> { }
                    default -> assigned.merge(t.key(), t.value(), (old, add) -> t.op().equals("+=") ? old + " " + add : add);
                }
            }
        }
        return assigned;
    }

    /** udev's match: any |-separated alternative matching the whole value as a glob. */
    static boolean globMatches(String pattern, String value) {
        return COMPILED.computeIfAbsent(pattern, UdevRules::compile).matcher(value).matches();
    }

    private static Pattern compile(String pattern) {
        StringJoiner alternatives = new StringJoiner("|");
        for (String alternative : pattern.split("\\|")) {
            alternatives.add("(?:" + globToRegex(alternative) + ")");
        }
        return Pattern.compile(alternatives.toString());
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed [ in " + glob);
                    }
                    String set = glob.substring(i + 1, close);
                    regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}

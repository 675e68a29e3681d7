package dev.airlock.runtime.tools;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Heuristics for poisoned tool definitions: text written for the AI, not for the user, hidden in a
 * tool's description or schema. It looks at every text in the definition — descriptions of the tool
 * and of each parameter, titles, defaults, enums and property names — for three things: orders to
 * the AI, references to key and credential files, and invisible characters.
 *
 * <p>These are heuristics: they catch the known phrasings of published attacks, and a determined
 * author can word around them. They are tuned for few false alarms (the reference servers raise
 * none), because a warning that cries wolf teaches people to ignore it. Patterns run on RE2/J, so a
 * long description costs linear time.
 */
public final class PoisoningCheck {

    /** Longest text quoted back in a warning. */
    private static final int QUOTE = 60;

    private static final List<Pattern> INSTRUCTIONS = List.of(
            // Overriding what the AI was told.
            Pattern.compile(
                    "(?i)\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+)?"
                            + "(?:previous|prior|above|earlier|preceding|former|system|other)\\s+(?:instructions|prompts?|messages|rules|directions|guidelines)"),
            // Keeping the user in the dark.
            Pattern.compile(
                    "(?i)\\b(?:do\\s+not|don't|never|must\\s+not)\\s+(?:tell|inform|mention\\s+(?:this\\s+|it\\s+)?to|mention|reveal\\s+(?:this\\s+|it\\s+)?to|alert|notify|show)"
                            + "\\s+(?:this\\s+|it\\s+)?(?:to\\s+)?the\\s+user"),
            Pattern.compile("(?i)\\bwithout\\s+(?:telling|informing|notifying|alerting|asking)\\s+the\\s+user"),
            Pattern.compile(
                    "(?i)\\bthe\\s+user\\s+(?:must|should|need)\\s+(?:not|never)\\s+(?:know|see|notice|be\\s+told)"),
            // Reaching for other tools, or for the order in which the AI uses them.
            Pattern.compile(
                    "(?i)\\bbefore\\s+(?:using|calling|running|invoking)\\s+(?:any|every|each|all)\\s+(?:of\\s+the\\s+)?(?:other\\s+)?tools?"),
            Pattern.compile(
                    "(?i)\\b(?:when|whenever|if)\\s+(?:you\\s+)?(?:use|call|invoke|run|using|calling|invoking)\\s+(?:the\\s+|any\\s+)?[\\w.-]+\\s+tool\\b"
                            + "[^.]{0,80}\\b(?:must|always|instead|first|also)\\b"),
            // Mark-up that addresses the model directly, as in the published examples.
            Pattern.compile("(?i)<\\s*/?\\s*(?:important|system|instructions?|secret|hidden|admin)\\s*>"),
            Pattern.compile(
                    "(?i)\\b(?:system\\s+prompt|your\\s+instructions|as\\s+an\\s+ai\\b|you\\s+are\\s+(?:now\\s+)?(?:an?\\s+)?(?:ai|assistant|language\\s+model))"));

    private static final Pattern CREDENTIALS = Pattern.compile("(?i)(?:"
            + "~?/?\\.ssh\\b|\\bid_(?:rsa|dsa|ecdsa|ed25519)\\b|\\bauthorized_keys\\b"
            + "|(?:^|[^\\w.])\\.env(?:\\.[a-z]+)?\\b"
            + "|\\.aws/(?:credentials|config)|\\baws_secret_access_key\\b"
            + "|\\.npmrc\\b|\\.pypirc\\b|\\.netrc\\b|\\.git-credentials\\b|\\.docker/config\\.json"
            + "|\\.kube/config|\\.gnupg\\b|\\.config/gcloud|\\bcredentials\\.json\\b"
            + "|/etc/shadow\\b|\\bcookies\\.sqlite\\b|\\blogins\\.json\\b|\\bkey[34]\\.db\\b|\\blogin\\s+data\\b"
            + "|/cookies\\b|\\bkeychain-db\\b|\\bmcp\\.json\\b|\\bclaude_desktop_config\\.json\\b"
            + ")");

    private PoisoningCheck() {}

    /** Warnings for one tool definition, at most one per kind and place. */
    public static List<ToolWarning> check(String serverTitle, JsonNode tool) {
        String name = tool.path("name").asString("");
        Set<ToolWarning> warnings = new LinkedHashSet<>();
        walk(tool, "", serverTitle, name, warnings);
        return List.copyOf(warnings);
    }

    private static void walk(JsonNode node, String where, String server, String tool, Set<ToolWarning> out) {
        if (node.isString()) {
            text(node.asString(), where, server, tool, out);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]", server, tool, out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String at = where.isEmpty() ? member.getKey() : where + "." + member.getKey();
                text(member.getKey(), at + " (its name)", server, tool, out);
                walk(member.getValue(), at, server, tool, out);
            }
        }
    }

    private static void text(String text, String where, String server, String tool, Set<ToolWarning> out) {
        String place = place(where);
        int invisible = countInvisible(text);
        if (invisible > 0) {
            out.add(new ToolWarning(
                    ToolWarning.Kind.INVISIBLE_CHARACTERS,
                    tool,
                    where,
                    "The tool '" + tool + "' of " + server + " hides " + invisible + " invisible character"
                            + (invisible == 1 ? "" : "s") + " in " + place
                            + ": the AI reads them, you do not see them."));
        }
        // Invisible characters between letters must not hide a phrase from the patterns.
        String visible = invisible > 0 ? stripInvisible(text) : text;
        for (Pattern pattern : INSTRUCTIONS) {
            Matcher matcher = pattern.matcher(visible);
            if (matcher.find()) {
                out.add(new ToolWarning(
                        ToolWarning.Kind.HIDDEN_INSTRUCTION,
                        tool,
                        where,
                        "The tool '" + tool + "' of " + server + " gives the AI orders in " + place + " (\""
                                + quote(matcher.group()) + "\"): it may try to make the AI act behind your back."));
                break;
            }
        }
        Matcher credential = CREDENTIALS.matcher(visible);
        if (credential.find()) {
            out.add(new ToolWarning(
                    ToolWarning.Kind.CREDENTIAL_REFERENCE,
                    tool,
                    where,
                    "The tool '" + tool + "' of " + server + " mentions the key or password file \""
                            + quote(credential.group().strip()) + "\" in " + place
                            + ": a tool should not need it."));
        }
    }

    /** The place in words: "its description", "the description of its parameter 'path'". */
    static String place(String where) {
        if (where.equals("description")) {
            return "its description";
        }
        if (where.equals("name (its name)") || where.equals("name")) {
            return "its name";
        }
        java.util.regex.Matcher parameter = java.util.regex.Pattern.compile(
                        "inputSchema\\.properties\\.([^.]+)(?:\\.(.+))?")
                .matcher(where);
        if (parameter.matches()) {
            String what = parameter.group(2) == null ? "the definition" : "the " + parameter.group(2);
            return what + " of its parameter '" + parameter.group(1) + "'";
        }
        return "'" + where + "'";
    }

    private static String quote(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= QUOTE ? flat : flat.substring(0, QUOTE) + "…";
    }

    static boolean isInvisible(int codePoint) {
        return (codePoint >= 0xE0000 && codePoint <= 0xE007F) // tag characters
                || (codePoint >= 0x200B && codePoint <= 0x200F) // zero-width space, joiners, LRM, RLM
                || (codePoint >= 0x202A && codePoint <= 0x202E) // bidi embeddings and overrides
                || (codePoint >= 0x2060 && codePoint <= 0x2064) // word joiner, invisible operators
                || (codePoint >= 0x2066 && codePoint <= 0x2069) // bidi isolates
                || codePoint == 0xFEFF // zero-width no-break space
                || codePoint == 0x180E // Mongolian vowel separator
                || codePoint == 0x061C // Arabic letter mark
                || codePoint == 0x00AD; // soft hyphen
    }

    private static int countInvisible(String text) {
        return (int) text.codePoints().filter(PoisoningCheck::isInvisible).count();
    }

    private static String stripInvisible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isInvisible(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}

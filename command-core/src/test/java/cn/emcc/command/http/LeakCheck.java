package cn.emcc.command.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answer to a client must never contain: stack frames, Java class or
 * package names, SQL, JDBC URLs or file paths; and the one error shape it must
 * have instead.
 */
public final class LeakCheck {

    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\("),             // a stack frame
            Pattern.compile("\\b(java|javax|jdk|sun|scala|org|com|cn)\\.[a-z]\\w*\\.[a-zA-Z]"), // a qualified name
            Pattern.compile("[A-Z]\\w*(Exception|Error)\\b"),                       // an exception class
            Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE)\\b.*\\b(FROM|INTO|SET|WHERE)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bjdbc:|\\bh2:file|event_journal", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(/tmp/|/work/|/home/|/var/|/root/|[A-Z]:\\\\|\\.java\\b|\\.class\\b|\\.jar\\b)"));

    private LeakCheck() {
    }

    /** Fails when {@code text} shows anything of emcc's insides. */
    public static void revealsNothing(String what, String text) {
        revealsNothing(what, text, "");
    }

    /**
     * As {@link #revealsNothing(String, String)}, except for what the caller sent itself: an answer that
     * quotes the caller's own {@code "'; DROP TABLE event_journal; --"} reveals nothing of emcc.
     */
    public static void revealsNothing(String what, String text, String sent) {
        for (Pattern p : INTERNALS) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                assertThat(sent.contains(m.group())).as("%s reveals internals (%s): %s", what, p, text).isTrue();
            }
        }
    }

    /** Fails unless {@code body} is the {field, reason} error with a reason and nothing internal. */
    public static JsonNode isErrorShape(String what, String body) {
        return isErrorShape(what, body, "");
    }

    /** As {@link #isErrorShape(String, String)}, the caller's own words {@code sent} aside. */
    public static JsonNode isErrorShape(String what, String body, String sent) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(what + ": the body is not JSON: " + body, e);
        }
        assertThat(json != null && json.isObject()).as("%s: an object: %s", what, body).isTrue();
        assertThat(json.has("field")).as("%s names a field: %s", what, body).isTrue();
        assertThat(json.path("reason").asText()).as("%s gives a reason: %s", what, body).isNotBlank();
        revealsNothing(what, body, sent);
        return json;
    }
}

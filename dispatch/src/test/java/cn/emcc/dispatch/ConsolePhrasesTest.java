package cn.emcc.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every phrase the server can put before an officer ({@link PhraseCode}) has a template in the console's
 * Chinese and English bundles, with exactly its arguments as placeholders, and every enum value an argument
 * can carry (and every duration) has words in both.
 */
class ConsolePhrasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BUNDLES = List.of("console/i18n/messages_zh.json", "console/i18n/messages_en.json");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void everyPhraseCodeHasATemplateInBothLanguagesWithExactlyItsArguments() throws IOException {
        for (String bundle : BUNDLES) {
            JsonNode words = read(bundle);
            for (PhraseCode code : PhraseCode.values()) {
                JsonNode template = words.get(code.code());
                assertThat(template).as("%s (%s) in %s", code.code(), code, bundle).isNotNull();
                assertThat(template.asText()).as("%s in %s", code.code(), bundle).isNotBlank();
                assertThat(placeholders(template.asText())).as("placeholders of %s in %s", code.code(), bundle)
                        .isEqualTo(new TreeSet<>(code.args()));
            }
        }
    }

    @Test
    void phraseCodesAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (PhraseCode code : PhraseCode.values()) {
            assertThat(seen.add(code.code())).as("code %s of %s used twice", code.code(), code).isTrue();
        }
    }

    @Test
    void everyValueAPhraseArgumentCarriesHasAWordInBothLanguages() throws IOException {
        for (String bundle : BUNDLES) {
            JsonNode words = read(bundle);
            assertWords(words, bundle, "unit_type", UnitType.values());
            assertWords(words, bundle, "unit_tier", JurisdictionTier.values());
            assertWords(words, bundle, "capability", Capability.values());
            assertWords(words, bundle, "timer_kind", OrderDeadlines.TimerKind.values());
            assertWords(words, bundle, "order", OrderState.values());
            assertWords(words, bundle, "mutual_aid_state", MutualAidState.values());
            for (String joiner : new String[]{"phrase.separator", "phrase.list", "phrase.colon"}) {
                assertThat(words.has(joiner)).as("%s in %s", joiner, bundle).isTrue();
            }
            // a {limit_seconds} argument is put in words as minutes or seconds
            assertThat(placeholders(words.path("duration.minutes").asText())).as("duration.minutes in %s", bundle)
                    .containsExactly("minutes");
            assertThat(placeholders(words.path("duration.seconds").asText())).as("duration.seconds in %s", bundle)
                    .containsExactly("seconds");
        }
    }

    @Test
    void aPhraseNamesItsArgumentsInOrder() {
        Phrase p = PhraseCode.ORDER_ACCEPTED.with("O-1", "E-1");

        assertThat(p.code()).isEqualTo("timeline.order.accepted");
        assertThat(p.args()).containsEntry("order", "O-1").containsEntry("unit", "E-1").hasSize(2);
    }

    private static void assertWords(JsonNode words, String bundle, String prefix, Enum<?>[] values) {
        for (Enum<?> value : values) {
            String key = prefix + "." + value.name();
            assertThat(words.path(key).asText()).as("%s in %s", key, bundle).isNotBlank();
        }
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ConsolePhrasesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s (from map-service)", resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}

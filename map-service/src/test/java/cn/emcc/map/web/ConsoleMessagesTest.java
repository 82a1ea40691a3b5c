package cn.emcc.map.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every string of the console is in both bundles, and every key the page and its modules use exists. */
class ConsoleMessagesTest {

    // a key written twice would silently lose one of its texts
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String[] MODULES = {"app", "api", "i18n", "stream", "map", "queue", "detail", "units",
            "dashboard", "ui"};

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Set<String> zh = keys("console/i18n/messages_zh.json");
        Set<String> en = keys("console/i18n/messages_en.json");

        assertThat(zh).isNotEmpty();
        assertThat(en).as("keys only in Chinese: %s; only in English: %s", minus(zh, en), minus(en, zh))
                .isEqualTo(zh);
        for (String bundle : new String[]{"console/i18n/messages_zh.json", "console/i18n/messages_en.json"}) {
            read(bundle).fields().forEachRemaining(e ->
                    assertThat(e.getValue().asText()).as("%s in %s", e.getKey(), bundle).isNotBlank());
        }
    }

    @Test
    void everyKeyThePageAndItsModulesUseIsInTheBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(text("console/index.html"), Pattern.compile("data-i18n(?:-placeholder)?=\"([a-z_.]+)\""), used);
        for (String module : MODULES) {
            // t('key') and t(`key`) with a literal key; keys built at run time go through word(prefix, value)
            collect(text("console/js/" + module + ".js"), Pattern.compile("\\bt\\(['`]([a-z_]+\\.[a-z_.]+)['`]"), used);
        }
        Set<String> zh = keys("console/i18n/messages_zh.json");

        assertThat(used).hasSizeGreaterThan(40);
        assertThat(minus(used, zh)).as("keys used but missing from the bundles").isEmpty();
    }

    @Test
    void everyEnumTheConsoleTranslatesHasAWordForEachValue() throws IOException {
        Set<String> zh = keys("console/i18n/messages_zh.json");
        for (var grade : cn.emcc.protocols.v1.Grade.values()) {
            if (grade != cn.emcc.protocols.v1.Grade.UNRECOGNIZED) {
                assertThat(zh).contains("grade." + grade.name(), "grade_short." + grade.name());
            }
        }
        for (var category : cn.emcc.protocols.v1.IncidentCategory.values()) {
            if (category != cn.emcc.protocols.v1.IncidentCategory.UNRECOGNIZED) {
                assertThat(zh).contains("category." + category.name());
            }
        }
        for (var status : cn.emcc.protocols.v1.IncidentStatus.values()) {
            if (status != cn.emcc.protocols.v1.IncidentStatus.UNRECOGNIZED) {
                assertThat(zh).contains("status." + status.name());
            }
        }
        for (var status : cn.emcc.protocols.v1.UnitStatus.values()) {
            if (status != cn.emcc.protocols.v1.UnitStatus.UNRECOGNIZED) {
                assertThat(zh).contains("unit_status." + status.name());
            }
        }
        for (var agency : cn.emcc.protocols.v1.Agency.values()) {
            if (agency != cn.emcc.protocols.v1.Agency.UNRECOGNIZED) {
                assertThat(zh).contains("agency." + agency.name());
            }
        }
    }

    private static void collect(String text, Pattern pattern, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Set<String> keys(String resource) throws IOException {
        Set<String> keys = new TreeSet<>();
        read(resource).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode read(String resource) throws IOException {
        return JSON.readTree(text(resource));
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

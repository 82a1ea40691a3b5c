package cn.emcc.protocols.cap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Found by fuzzing: a reason quoted the offending value whole, so a document
 * with a 5,000-character time got a 5,000-character rejection back. Values
 * are quoted shortened, with their length.
 */
class CapReasonLengthTest {

    @Test
    void aHugeWrongValueIsQuotedShortened() {
        String huge = "名".repeat(5_000);
        String xml = CapSamples.text(CapSamples.JINAN_RED).replaceFirst("<sent>[^<]*</sent>", "<sent>" + huge + "</sent>");

        CapFormatException refused = catchThrowableOfType(CapFormatException.class, () -> new CapReader().read(xml));

        assertThat(refused.path()).isEqualTo("alert/sent");
        assertThat(refused.reason()).hasSizeLessThan(300).contains("(5000 characters)")
                .contains("is not an ISO 8601 date-time");
    }
}

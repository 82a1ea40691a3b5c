package cn.emcc.command.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digests of the audit chains against their standards' own examples:
 * SM3 against the two examples of GB/T 32905-2016 (appendix A), SHA-256
 * against FIPS 180-2's "abc"; and emcc.audit.hash names them.
 */
class HashAlgorithmTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sm3_gives_the_gb_t_32905_examples() {
        assertThat(HashAlgorithm.SM3.hex(ascii("abc")))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HashAlgorithm.SM3.hex(ascii("abcd".repeat(16))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sha256_gives_the_fips_180_example() {
        assertThat(HashAlgorithm.SHA256.hex(ascii("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void the_setting_names_the_digest_and_an_unknown_name_is_refused() {
        assertThat(HashAlgorithm.parse("sm3")).isEqualTo(HashAlgorithm.SM3);
        assertThat(HashAlgorithm.parse(" SM3 ")).isEqualTo(HashAlgorithm.SM3);
        assertThat(HashAlgorithm.parse("sha256")).isEqualTo(HashAlgorithm.SHA256);
        assertThatThrownBy(() -> HashAlgorithm.parse("md5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emcc.audit.hash").hasMessageContaining("sha256, sm3");
    }
}

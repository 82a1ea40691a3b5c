package cn.emcc.bench;

import cn.emcc.bench.ResultLine.Figure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultLineTest {

    @Test
    void aResultWithAPeerCarriesBothFiguresAndTheirRatio() {
        ResultLine line = ResultLine.withPeer("protocol", new Figure("decode_validate_mix", 1.84, "us/msg"),
                "protobuf_parse", new Figure("parse_mix", 0.61, "us/msg"));

        assertThat(line.format()).isEqualTo(
                "RESULT protocol decode_validate_mix=1.840us/msg peer=protobuf_parse parse_mix=0.610us/msg ratio=3.02");
    }

    @Test
    void aResultWithoutAPeerSaysSo() {
        ResultLine line = ResultLine.withoutPeer("protocol-encode", new Figure("encode_mix", 0.9, "us/msg"));

        assertThat(line.format()).isEqualTo("RESULT protocol-encode encode_mix=0.900us/msg peer=none ratio=na");
    }

    @Test
    void figuresInDifferentUnitsCannotBeCompared() {
        assertThatThrownBy(() -> ResultLine.withPeer("x", new Figure("a", 1, "us/msg"), "y",
                new Figure("b", 1, "ns/msg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ns/msg");
    }
}

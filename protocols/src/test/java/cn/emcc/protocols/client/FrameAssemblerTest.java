package cn.emcc.protocols.client;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class FrameAssemblerTest {

    @Test
    void joinsPartsIntoOneMessageAndStartsAfresh() {
        FrameAssembler assembler = new FrameAssembler(1024);
        byte[] big = new byte[600];
        big[599] = 7;

        assertThat(assembler.append(ByteBuffer.wrap(new byte[] {1, 2}))).isTrue();
        assertThat(assembler.append(ByteBuffer.wrap(big))).isTrue();
        byte[] message = assembler.take();

        assertThat(message).hasSize(602).startsWith(1, 2).endsWith(7);
        assembler.append(ByteBuffer.wrap(new byte[] {9}));
        assertThat(assembler.take()).containsExactly(9);
    }

    @Test
    void refusesToGrowPastTheLimit() {
        FrameAssembler assembler = new FrameAssembler(10);

        assertThat(assembler.append(ByteBuffer.wrap(new byte[8]))).isTrue();
        assertThat(assembler.append(ByteBuffer.wrap(new byte[3]))).isFalse();
    }
}

package cn.emcc.protocols.fuzz;

import cn.emcc.protocols.framing.DelimitedFrames;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Varint-delimited framing (the batch POST body) against any bytes: splitting
 * never throws or hangs, never returns a frame over the limits it was given,
 * says why when it stops early, and joined frames split back to themselves.
 */
class DelimitedFramesFuzzTest {

    @Property
    void anyBytesSplitWithinTheLimitsOrSayWhy(@ForAll @Size(max = 4096) byte[] body,
                                              @ForAll @IntRange(min = 0, max = 600) int maxFrameBytes,
                                              @ForAll @IntRange(min = 0, max = 50) int maxFrames) {
        DelimitedFrames.Split split = Bounded.call("DelimitedFrames.split",
                () -> DelimitedFrames.split(body, maxFrameBytes, maxFrames));

        assertThat(split.frames()).hasSizeLessThanOrEqualTo(maxFrames);
        assertThat(split.frames()).allMatch(f -> f.length <= maxFrameBytes);
        if (!split.complete()) {
            assertThat(split.error()).isNotBlank().hasSizeLessThanOrEqualTo(RejectionShape.MAX_REASON_CHARS);
        }
        // What was split off is exactly the start of the body.
        byte[] prefix = DelimitedFrames.joinRaw(split.frames());
        assertThat(prefix.length).isLessThanOrEqualTo(body.length);
        for (int i = 0; i < prefix.length; i++) {
            if (prefix[i] != body[i]) {
                // A varint may be written shorter than the sender wrote it (non-minimal encodings).
                assertThat(DelimitedFrames.split(prefix, maxFrameBytes, maxFrames).frames())
                        .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(split.frames());
                break;
            }
        }
    }

    @Property
    void joinedFramesSplitBackToThemselves(@ForAll @Size(max = 40) List<@Size(max = 300) byte[]> frames) {
        byte[] body = DelimitedFrames.joinRaw(frames);
        DelimitedFrames.Split split = DelimitedFrames.split(body, 300, 40);

        assertThat(split.complete()).isTrue();
        assertThat(split.frames()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(frames);
    }

    @Property
    void aTruncatedBodyKeepsItsWholeFramesAndSaysWhereItStopped(
            @ForAll @Size(min = 1, max = 20) List<@Size(min = 1, max = 200) byte[]> frames, @ForAll long cutSeed) {
        byte[] body = DelimitedFrames.joinRaw(frames);
        int cut = (int) Math.floorMod(cutSeed, (long) body.length);
        byte[] truncated = java.util.Arrays.copyOf(body, cut);

        DelimitedFrames.Split split = DelimitedFrames.split(truncated, 200, 20);

        assertThat(split.frames().size()).isLessThanOrEqualTo(frames.size());
        for (int i = 0; i < split.frames().size(); i++) {
            assertThat(split.frames().get(i)).isEqualTo(frames.get(i));
        }
        if (cut < body.length && split.frames().size() < frames.size()) {
            // Either the cut fell exactly between frames, or the split says it met a partial one.
            assertThat(split.complete() || !split.error().isBlank()).isTrue();
        }
    }
}

package cn.emcc.dispatch;

import java.util.Objects;

/** One line of a response plan: this many units able to do this. */
public record PlanRequirement(Capability capability, int count) {

    public PlanRequirement {
        Objects.requireNonNull(capability, "capability");
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count of " + capability + " is " + count + "; expected 1..100");
        }
    }

    @Override
    public String toString() {
        return capability + ":" + count;
    }
}

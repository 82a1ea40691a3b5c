package cn.emcc.protocols.fuzz;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one fuzz input on a worker thread so that an input that makes a
 * decoder loop for ever fails its property instead of stalling the build.
 * The bound is a hang detector (a minute), not a performance requirement.
 */
public final class Bounded {

    private static final long HANG_SECONDS = 60;

    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });

    private Bounded() {
    }

    /** What {@code call} returns; an exception it throws is rethrown as is. */
    public static <T> T call(String what, Supplier<T> call) {
        Future<T> f = WORKER.submit(call::get);
        try {
            return f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " did not return within " + HANG_SECONDS + " s: it hangs on this input");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

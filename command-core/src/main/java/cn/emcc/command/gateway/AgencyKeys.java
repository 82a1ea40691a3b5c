package cn.emcc.command.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live agency key registry of this node: read from the file
 * {@code emcc.gateway.agency-keys} at start and again whenever its content
 * changes (checked every {@code emcc.gateway.agency-keys-check-every}), so
 * registering or revoking a key takes effect without a restart. A changed
 * file that does not parse is refused with an error in the log and the
 * previous registry stays in force; the operator fixes the file.
 */
public final class AgencyKeys {

    private static final Logger log = LoggerFactory.getLogger(AgencyKeys.class);

    private final Path file;
    private final List<Consumer<AgencyKeyRegistry>> listeners = new CopyOnWriteArrayList<>();
    private volatile AgencyKeyRegistry current;
    private byte[] lastRead;

    private AgencyKeys(Path file, AgencyKeyRegistry initial, byte[] read) {
        this.file = file;
        this.current = initial;
        this.lastRead = read;
    }

    /** Reads the registry named by the config; a registry that does not parse stops the start. */
    public static AgencyKeys fromConfig(Config root) {
        String path = root.getString("emcc.gateway.agency-keys");
        if (path.isBlank()) {
            log.warn("emcc.gateway.agency-keys is not set: no agency system can connect");
            return new AgencyKeys(null, AgencyKeyRegistry.empty(), null);
        }
        return load(Path.of(path));
    }

    public static AgencyKeys load(Path file) {
        byte[] bytes = read(file);
        AgencyKeyRegistry registry = bytes == null ? AgencyKeyRegistry.empty()
                : AgencyKeyRegistry.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
        if (bytes == null) {
            log.warn("agency key registry {} does not exist yet: no agency system can connect until it does", file);
        } else {
            log.info("agency key registry {}: {} keys", file, registry.size());
        }
        return new AgencyKeys(file, registry, bytes);
    }

    public AgencyKeyRegistry current() {
        return current;
    }

    /** Called with the new registry after every change that took effect. */
    public void onChange(Consumer<AgencyKeyRegistry> listener) {
        listeners.add(listener);
    }

    /** Re-reads the file; answers whether a new registry took effect. */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        byte[] bytes = read(file);
        if (Arrays.equals(bytes, lastRead)) {
            return false;
        }
        lastRead = bytes;
        AgencyKeyRegistry next;
        try {
            next = bytes == null ? AgencyKeyRegistry.empty()
                    : AgencyKeyRegistry.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
        } catch (ConfigException e) {
            log.error("agency key registry {} changed but is not valid, keeping the previous one: {}", file, e.getMessage());
            return false;
        }
        current = next;
        log.info("agency key registry {} reloaded: {} keys", file, next.size());
        listeners.forEach(l -> l.accept(next));
        return true;
    }

    /** Checks the file for changes every {@code every} until the system stops. */
    public void watch(ActorSystem<?> system, Duration every) {
        if (file == null) {
            return;
        }
        system.scheduler().scheduleWithFixedDelay(every, every, () -> {
            try {
                reload();
            } catch (RuntimeException e) {
                log.error("checking agency key registry {} failed", file, e);
            }
        }, system.executionContext());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read agency key registry " + file + ": " + e.getMessage(), e);
        }
    }
}

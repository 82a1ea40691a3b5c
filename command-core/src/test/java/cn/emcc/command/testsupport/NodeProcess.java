package cn.emcc.command.testsupport;

import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Sender;
import com.typesafe.config.Config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emcc node running as its own operating-system process, started the way an
 * operator starts one ({@code cn.emcc.command.EmccServer} configured by
 * environment variables plus a deployment file naming the agencies), so that a
 * test can kill it with SIGKILL: no shutdown hook, no flush, no goodbye.
 * Its output goes to a log file the test names.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final int BIND_ATTEMPTS = 3;
    private static final String MAIN_CLASS = "cn.emcc.command.EmccServer";

    /** What EmccServer logs once its HTTP edge is bound. */
    private static final Pattern SERVING = Pattern.compile("emcc node up: http /127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI baseUri;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node on {@code store} (its storage, data dir or keyspace and contact
     * points are handed over as the node's environment variables) with the
     * {@link RunningNode#KEYS test agencies} (plain HTTP), on free loopback ports (HTTP on port 0,
     * read back from the node's log), and returns once its HTTP port answers. {@code workDir} receives the deployment file and
     * {@code <name>.log}.
     */
    public static NodeProcess start(TestStore store, Path workDir, String name) throws IOException {
        Files.createDirectories(workDir);
        Path deployment = workDir.resolve("agencies.conf");
        Files.writeString(deployment, "include classpath(\"application.conf\")\n"
                + RunningNode.agencySettings(), StandardCharsets.UTF_8);
        Path log = workDir.resolve(name + ".log");
        for (int attempt = 1; ; attempt++) {
            NodeProcess node = launch(store, deployment, log);
            try {
                node.awaitServing();
                return node;
            } catch (RuntimeException | Error e) {
                node.close();
                // The remoting port is chosen here (the node's own seed address names it, so it
                // cannot be 0) and another process may take it before the node binds it.
                if (attempt >= BIND_ATTEMPTS || !node.logTail().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static NodeProcess launch(TestStore store, Path deployment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                javaExecutable(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                "-Xmx1g",
                "-Dconfig.file=" + deployment.toAbsolutePath(),
                "-cp", classPath(),
                MAIN_CLASS))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // Only what this node is given counts, not whatever the developer's shell exports.
        env.keySet().removeIf(key -> key.startsWith("EMCC_"));
        env.putAll(environment(store.config()));

        return new NodeProcess(builder.start(), log);
    }

    private static Map<String, String> environment(Config store) throws IOException {
        return Map.of(
                "EMCC_HTTP_HOST", "127.0.0.1",
                "EMCC_HTTP_PORT", "0",
                "EMCC_CLUSTER_HOST", "127.0.0.1",
                "EMCC_CLUSTER_PORT", Integer.toString(freePort()),
                "EMCC_STORAGE", store.getString("emcc.storage"),
                "EMCC_DATA_DIR", store.getString("emcc.data-dir"),
                "EMCC_CASSANDRA_CONTACT_POINTS", store.getString("emcc.cassandra.contact-points"),
                "EMCC_CASSANDRA_LOCAL_DATACENTER", store.getString("emcc.cassandra.local-datacenter"),
                "EMCC_CASSANDRA_KEYSPACE", store.getString("emcc.cassandra.keyspace"),
                "EMCC_CASSANDRA_AUTO_CREATE_SCHEMA", store.getString("emcc.cassandra.auto-create-schema"));
    }

    private void awaitServing() {
        Await.until("the node process serves HTTP (log " + log + ")", START_BOUND, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the node process exited with " + process.exitValue()
                        + " before serving; its log " + log + " ends:\n" + logTail());
            }
            if (baseUri == null) {
                boundPort().ifPresent(port -> baseUri = URI.create("http://127.0.0.1:" + port));
                return false;
            }
            try {
                return get("/").statusCode() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
    }

    public URI baseUri() {
        return baseUri;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Linux) and wait until the process
     * is gone; returns its exit code, 137 (128 + 9) for a process that SIGKILL ended.
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node process " + process.pid() + " still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A connected agency client of the given test agency, sending as {@code systemId}. */
    public AgencyClient client(Agency agency, String systemId) {
        AgencyClient client = AgencyClient.builder()
                .baseUri(baseUri)
                .credential(RunningNode.KEYS.keyId(agency), RunningNode.KEYS.privateKey(agency))
                .sender(Sender.newBuilder().setAgency(agency).setSystemId(systemId).setAdcode("370000").build())
                .build();
        client.connect().join();
        return client;
    }

    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private Optional<Integer> boundPort() {
        try {
            Matcher m = SERVING.matcher(logText());
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the node's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = logText().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Lenient decoding: the node may be in the middle of writing a multi-byte character. */
    private String logText() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    /** Kills the process if it still runs; safe to call any number of times. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}

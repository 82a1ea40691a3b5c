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

    private static final Duration START_BOUND = Duration.ofSeconds(240); // a guard against a hung start, not a timing
    private static final int BIND_ATTEMPTS = 3;
    private static final String MAIN_CLASS = "cn.emcc.command.EmccServer";

    /** What EmccServer logs once its HTTP edge is bound. */
    private static final Pattern SERVING = Pattern.compile("emcc node up: http /127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String adminToken;
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
        return start(store, workDir, name, "");
    }

    /** As {@link #start(TestStore, Path, String)}, with {@code extraConfig} (HOCON) added to the deployment file. */
    public static NodeProcess start(TestStore store, Path workDir, String name, String extraConfig) throws IOException {
        Files.createDirectories(workDir);
        Path deployment = workDir.resolve(name + "-deployment.conf");
        Files.writeString(deployment, "include classpath(\"application.conf\")\n"
                + RunningNode.agencySettings() + "\n" + extraConfig + "\n", StandardCharsets.UTF_8);
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
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "EMCC_HTTP_HOST", "127.0.0.1",
                "EMCC_HTTP_PORT", "0",
                "EMCC_CLUSTER_HOST", "127.0.0.1",
                "EMCC_CLUSTER_PORT", Integer.toString(freePort()),
                "EMCC_STORAGE", store.getString("emcc.storage"),
                "EMCC_DATA_DIR", store.getString("emcc.data-dir"),
                "EMCC_CASSANDRA_CONTACT_POINTS", store.getString("emcc.cassandra.contact-points"),
                "EMCC_CASSANDRA_LOCAL_DATACENTER", store.getString("emcc.cassandra.local-datacenter"),
                "EMCC_CASSANDRA_KEYSPACE", store.getString("emcc.cassandra.keyspace"),
                "EMCC_CASSANDRA_AUTO_CREATE_SCHEMA", store.getString("emcc.cassandra.auto-create-schema")));
        env.put("EMCC_OFFICERS_SESSION_KEY", RunningNode.officers().getString("emcc.officers.session-key"));
        env.put("EMCC_ADMIN_PASSWORD", RunningNode.ADMIN_PASSWORD);
        return env;
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

    /** GET as the node's first admin (a province account: it reads everything). */
    public HttpResponse<String> get(String path) {
        if (adminToken == null) {
            adminToken = adminLogin();
        }
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }

    /** POSTs JSON as the duty officer {@code officer} (user@adcode), created on the node's store when needed. */
    public HttpResponse<String> post(String path, String officer, String json) {
        return postWith(path, officerToken(officer), json);
    }

    private HttpResponse<String> postWith(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + request.uri(), e);
        }
    }

    /**
     * A session of the DUTY_OFFICER {@code user@adcode} over the node's HTTP: a login with the
     * test officers' password, or, for a new officer, the admin creates the account and the
     * officer replaces the one-time password (a restarted node on the same store keeps it).
     */
    private String officerToken(String officer) {
        String[] parts = officer.split("@");
        HttpResponse<String> login = postWith("/v1/session", null, credentials(parts[0], RunningNode.OFFICER_PASSWORD));
        if (login.statusCode() != 200) {
            if (adminToken == null) {
                adminToken = adminLogin();
            }
            HttpResponse<String> created = postWith("/v1/officers", adminToken, "{\"username\":\"" + parts[0]
                    + "\",\"display_name\":\"" + parts[0] + "\",\"role\":\"DUTY_OFFICER\",\"adcode\":\"" + parts[1] + "\"}");
            String oneTime = field(created, "one_time_password");
            String first = field(postWith("/v1/session", null, credentials(parts[0], oneTime)), "token");
            login = postWith("/v1/session/password", first, "{\"current_password\":\"" + oneTime
                    + "\",\"new_password\":\"" + RunningNode.OFFICER_PASSWORD + "\"}");
        }
        return field(login, "token");
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private static String field(HttpResponse<String> r, String name) {
        try {
            String value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path(name).asText("");
            if (r.statusCode() / 100 != 2 || value.isEmpty()) {
                throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + " " + r.body());
            }
            return value;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(r.request().uri() + " answered no JSON: " + r.body(), e);
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

    private String adminLogin() {
        HttpRequest login = HttpRequest.newBuilder(baseUri.resolve("/v1/session")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                        + RunningNode.ADMIN_PASSWORD + "\"}")).build();
        Await.until("the node's first admin can log in (log " + log + ")", START_BOUND, () -> {
            try {
                HttpResponse<String> r = http.send(login, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    adminToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("token").asText();
                    return true;
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while logging in", e);
            } catch (IOException e) {
                return false;
            }
        });
        return adminToken;
    }
}

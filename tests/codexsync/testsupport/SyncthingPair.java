// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import codexsync.core.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real cloud client for two-machine tests: two Syncthing instances ("machines" A and B) on 127.0.0.1, each with
 * its own home and ports, sharing one folder (A's {@code dirA}, B's {@code dirB}). Only A dials B; discovery, relays,
 * NAT, usage reporting and upgrades are off, and the configs are written before the first start, so nothing ever
 * reaches past loopback (as {@code ../shared/tools/syncthing-pair.sh}). The REST API tells when both sides are in
 * step ({@link #awaitInStep}) and pauses/resumes the A-B connection to hold changes back ({@link #pause},
 * {@link #resume}). {@link #close} stops both processes and their children, and a shutdown hook does the same if
 * the test JVM dies first, so no Syncthing outlives a test.
 */
public final class SyncthingPair implements AutoCloseable {
    public static final String FOLDER = "codexsync-cloud";
    private static final Duration STEP = Duration.ofMillis(200);
    private static final Pattern CONFIG_VERSION = Pattern.compile("<configuration version=\"(\\d+)\"");

    /** One Syncthing instance. */
    private static final class Instance {
        final String name;
        final Path home;
        final Path dir;
        final int listenPort;
        final int guiPort;
        final String apiKey;
        String deviceId;
        Process process;

        Instance(String name, Path home, Path dir, int listenPort, int guiPort, String apiKey) {
            this.name = name;
            this.home = home;
            this.dir = dir;
            this.listenPort = listenPort;
            this.guiPort = guiPort;
            this.apiKey = apiKey;
        }
    }

    private final Instance a;
    private final Instance b;
    private final Path state;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread reaper = new Thread(this::stopQuietly, "syncthing-pair-reaper");

    /** True when a {@code syncthing} executable is on the PATH. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "syncthing"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts A on {@code dirA} and B on {@code dirB} (created), waits until they are connected and in step. */
    public static SyncthingPair start(Path dirA, Path dirB, Path state) {
        SyncthingPair pair = new SyncthingPair(dirA, dirB, state);
        try {
            pair.up();
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private SyncthingPair(Path dirA, Path dirB, Path state) {
        this.state = state;
        int[] ports = freePorts(4);
        SecureRandom random = new SecureRandom();
        this.a = new Instance("A", state.resolve("A"), dirA.toAbsolutePath(), ports[0], ports[1], key(random));
        this.b = new Instance("B", state.resolve("B"), dirB.toAbsolutePath(), ports[2], ports[3], key(random));
    }

    private void up() {
        Runtime.getRuntime().addShutdownHook(reaper);
        for (Instance x : List.of(a, b)) {
            try {
                Files.createDirectories(x.dir.resolve(".stfolder"));
                Files.createDirectories(x.home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(x, "generate", "--home=" + x.home, "--no-default-folder", "--skip-port-probing");
            x.deviceId = run(x, "serve", "--home=" + x.home, "--device-id").strip();
        }
        // B first: it is the one A dials.
        for (Instance x : List.of(b, a)) {
            writeConfig(x, x == a ? b : a);
            x.process = launch(x);
        }
        awaitTrue(Duration.ofSeconds(30), "both REST APIs answer", () -> ping(a) && ping(b));
        awaitTrue(Duration.ofSeconds(60), "A and B connected", () -> connected(a, b) && connected(b, a));
        awaitInStep(Duration.ofSeconds(60));
    }

    /** Asks both sides to rescan now, then waits until both are idle, need nothing, and see the same global state. */
    public void awaitInStep(Duration timeout) {
        for (Instance x : List.of(a, b)) {
            api(x, "POST", "/rest/db/scan?folder=" + FOLDER, null, timeout);
        }
        awaitTrue(timeout, "A and B in step", this::inStep);
    }

    /** Disconnects A and B (both sides pause the other device): changes stay where they are made. */
    public void pause() {
        setPaused(true);
        awaitTrue(Duration.ofSeconds(30), "A and B disconnected", () -> !connected(a, b) && !connected(b, a));
    }

    /** Reconnects A and B. */
    public void resume() {
        setPaused(false);
        awaitTrue(Duration.ofSeconds(60), "A and B reconnected", () -> connected(a, b) && connected(b, a));
    }

    /** Stops both instances (REST shutdown, then TERM, then KILL, children included) and waits until they are gone. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook was never added
        }
    }

    /** The PIDs of the running instances and their children (for a test to check none survives). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Instance x : List.of(a, b)) {
            if (x.process != null) {
                pids.add(x.process.pid());
                x.process.descendants().forEach(h -> pids.add(h.pid()));
            }
        }
        return pids;
    }

    private void stopQuietly() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Instance x : List.of(a, b)) {
            if (x.process == null || !x.process.isAlive()) {
                continue;
            }
            all.add(x.process.toHandle());
            x.process.descendants().forEach(all::add);
            try {
                api(x, "POST", "/rest/system/shutdown", null, Duration.ofSeconds(3));
            } catch (RuntimeException e) {
                // it may not answer any more; the signals below stop it
            }
        }
        waitGone(all, Duration.ofSeconds(10));
        all.forEach(ProcessHandle::destroy);
        waitGone(all, Duration.ofSeconds(5));
        all.forEach(ProcessHandle::destroyForcibly);
        waitGone(all, Duration.ofSeconds(5));
    }

    private static void waitGone(List<ProcessHandle> handles, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive: the caller escalates
            }
        }
    }

    private void setPaused(boolean paused) {
        for (Instance x : List.of(b, a)) { // on resume A, the dialler, goes last so B already accepts its dial
            Instance peer = x == a ? b : a;
            api(x, "PATCH", "/rest/config/devices/" + peer.deviceId, "{\"paused\": " + paused + "}",
                    Duration.ofSeconds(10));
        }
    }

    private boolean inStep() {
        List<String> global = new ArrayList<>();
        for (Instance x : List.of(a, b)) {
            Instance peer = x == a ? b : a;
            Map<String, Object> s = Json.parseObject(api(x, "GET", "/rest/db/status?folder=" + FOLDER, null,
                    Duration.ofSeconds(10)));
            if (!"idle".equals(s.get("state")) || num(s.get("needTotalItems")) != 0 || num(s.get("pullErrors")) != 0) {
                return false;
            }
            Map<String, Object> c = Json.parseObject(api(x, "GET", "/rest/db/completion?folder=" + FOLDER + "&device="
                    + peer.deviceId, null, Duration.ofSeconds(10)));
            if (num(c.get("completion")) != 100 || num(c.get("needItems")) != 0 || num(c.get("needDeletes")) != 0) {
                return false;
            }
            global.add(List.of(s.get("globalFiles"), s.get("globalDirectories"), s.get("globalDeleted"),
                    s.get("globalBytes")).toString());
        }
        return global.get(0).equals(global.get(1));
    }

    private boolean connected(Instance x, Instance peer) {
        try {
            Map<String, Object> doc = Json.parseObject(api(x, "GET", "/rest/system/connections", null,
                    Duration.ofSeconds(5)));
            return doc.get("connections") instanceof Map<?, ?> conns && conns.get(peer.deviceId) instanceof Map<?, ?> c
                    && Boolean.TRUE.equals(c.get("connected"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean ping(Instance x) {
        try {
            api(x, "GET", "/rest/system/ping", null, Duration.ofSeconds(2));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String api(Instance x, String method, String path, String json, Duration timeout) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + x.guiPort + path))
                .timeout(timeout.plusSeconds(5)).header("X-API-Key", x.apiKey);
        if (json != null) {
            req.header("Content-Type", "application/json");
        }
        req.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("syncthing " + x.name + " " + method + " " + path + ": HTTP "
                        + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("syncthing " + x.name + " " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not answering yet: try again until the deadline
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Syncthing pair: not " + what + " after " + timeout.toSeconds() + " s (logs: "
                        + state.resolve("A.log") + ", " + state.resolve("B.log") + ")\n" + tail(a) + tail(b));
            }
            sleep(STEP);
        }
    }

    private String tail(Instance x) {
        try {
            List<String> lines = Files.readAllLines(state.resolve(x.name + ".log"), StandardCharsets.UTF_8);
            return x.name + ".log:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8),
                    lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a short syncthing subcommand and returns its stdout; fails the test when it fails. */
    private String run(Instance x, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("syncthing");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(state.resolve(x.name + ".log").toFile()));
        isolate(pb);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("syncthing " + String.join(" ", args) + " failed: " + out + tail(x));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(Instance x) {
        ProcessBuilder pb = new ProcessBuilder("syncthing", "serve", "--home=" + x.home, "--no-browser",
                "--no-restart", "--no-upgrade", "--logflags=3")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve(x.name + ".log").toFile()));
        isolate(pb);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start syncthing", e);
        }
    }

    /**
     * No proxy from the environment; TCP dials to anything but 127.0.0.1 go to a dead SOCKS proxy there; no monitor
     * process (one PID per instance), no restart, no upgrade, no default folder.
     */
    private static void isolate(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        for (String k : List.of("all_proxy", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy")) {
            env.remove(k);
        }
        env.put("ALL_PROXY", "socks5://127.0.0.1:9");
        env.put("NO_PROXY", "127.0.0.1");
        env.put("ALL_PROXY_NO_FALLBACK", "1");
        env.put("STNORESTART", "1");
        env.put("STNOUPGRADE", "1");
        env.put("STNODEFAULTFOLDER", "1");
        env.put("STMONITORED", "yes");
    }

    private void writeConfig(Instance x, Instance peer) {
        Path file = x.home.resolve("config.xml");
        try {
            Matcher m = CONFIG_VERSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
            String version = m.find() ? m.group(1) : "37";
            String no = "https://127.0.0.1:9/";
            // Only A dials: B lists A as "dynamic" (no address, discovery off) and accepts A's connection.
            String peerAddress = x == b ? "dynamic" : "tcp://127.0.0.1:" + peer.listenPort;
            String xml = "<configuration version=\"" + version + "\">\n"
                    + "  <folder id=\"" + FOLDER + "\" label=\"" + FOLDER + "\" path=\"" + xml(x.dir.toString())
                    + "\" type=\"sendreceive\" rescanIntervalS=\"10\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\""
                    + " ignorePerms=\"false\" autoNormalize=\"true\">\n"
                    + "    <device id=\"" + a.deviceId + "\"></device><device id=\"" + b.deviceId + "\"></device>\n"
                    + "    <minDiskFree unit=\"%\">0</minDiskFree><markerName>.stfolder</markerName>\n"
                    // an omitted maxConflicts is 0 here, not the GUI default: the losing copy would vanish
                    + "    <maxConflicts>10</maxConflicts>\n"
                    + "  </folder>\n"
                    + "  <device id=\"" + x.deviceId + "\" name=\"" + x.name + "\" compression=\"metadata\"><address>"
                    + "tcp://127.0.0.1:" + x.listenPort + "</address></device>\n"
                    + "  <device id=\"" + peer.deviceId + "\" name=\"" + peer.name + "\" compression=\"metadata\">"
                    + "<address>" + peerAddress + "</address></device>\n"
                    + "  <gui enabled=\"true\" tls=\"false\"><address>127.0.0.1:" + x.guiPort + "</address><apikey>"
                    + x.apiKey + "</apikey></gui>\n"
                    + "  <options>\n"
                    + "    <listenAddress>tcp://127.0.0.1:" + x.listenPort + "</listenAddress>\n"
                    + "    <globalAnnounceEnabled>false</globalAnnounceEnabled><globalAnnounceServer>" + no
                    + "</globalAnnounceServer>\n"
                    + "    <localAnnounceEnabled>false</localAnnounceEnabled><announceLANAddresses>false"
                    + "</announceLANAddresses>\n"
                    + "    <relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled>\n"
                    + "    <stunKeepaliveStartS>0</stunKeepaliveStartS><stunKeepaliveMinS>0</stunKeepaliveMinS>"
                    + "<stunServer>127.0.0.1:9</stunServer>\n"
                    + "    <urAccepted>-1</urAccepted><urSeen>3</urSeen><urURL>" + no + "</urURL>\n"
                    + "    <crashReportingEnabled>false</crashReportingEnabled><crashReportingURL>" + no
                    + "</crashReportingURL>\n"
                    + "    <autoUpgradeIntervalH>0</autoUpgradeIntervalH><releasesURL>" + no + "</releasesURL>\n"
                    + "    <startBrowser>false</startBrowser><restartOnWakeup>false</restartOnWakeup>"
                    + "<setLowPriority>false</setLowPriority>\n"
                    + "    <reconnectionIntervalS>5</reconnectionIntervalS><minHomeDiskFree unit=\"%\">0"
                    + "</minHomeDiskFree>\n"
                    + "  </options>\n"
                    + "</configuration>\n";
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String key(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket: nothing to do
                }
            }
        }
        return ports;
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

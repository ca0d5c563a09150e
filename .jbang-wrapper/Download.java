// SPDX-License-Identifier: GPL-3.0-or-later
//
// Single-file helper for the jbang launchers (jbang, jbang.cmd, jbang.ps1).
// It must run with nothing but a JDK (`java Download.java ...`), because on a
// fresh machine there is no curl, no wget, no JBang and maybe no Maven: that
// is why it is plain Java with no dependencies and no package.
//
// Usage:
//   java Download.java <groupId:artifactId:version[:classifier]> <destFile>
//       Fetch the jar from CODEXSYNC_MAVEN_REPO (default Maven Central), check
//       it against the .sha1 published beside it, then move it into place.
//   java Download.java --install <sourceFile> <destFile> [<sha1File>]
//       Copy a jar that Maven already resolved into place, checking it against
//       the .sha1 file when one is given and exists (mvn fallback path).
//
// Either way the file is first written to a temporary file in the destination
// folder and only then moved with ATOMIC_MOVE, so a crash or a concurrent run
// never leaves a half-written jar at the path the launchers test for.
// Errors are one line on stderr, never a stack trace; exit code 1 on failure.

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

public class Download {

    static final String DEFAULT_REPO = "https://repo1.maven.org/maven2";

    /** A failure we explain in one line; anything else is reported by its message too. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args.length <= 4 && args[0].equals("--install")) {
                install(Path.of(args[1]), Path.of(args[2]), args.length == 4 ? Path.of(args[3]) : null);
            } else if (args.length == 2 && !args[0].startsWith("-")) {
                download(args[0], Path.of(args[1]));
            } else {
                throw new Failure("usage: java Download.java <groupId:artifactId:version[:classifier]> <destFile>"
                        + " | --install <sourceFile> <destFile> [<sha1File>]");
            }
        } catch (Failure e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            fail("interrupted");
        } catch (Exception e) {
            // One line, but keep the exception type: "ConnectException: null" is
            // still more useful than nothing when the JDK gives no message.
            fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static void fail(String message) {
        System.err.println("[jbang-wrapper] error: " + message);
        System.exit(1);
    }

    // ------------------------------------------------------------ download

    static void download(String coords, Path dest) throws Exception {
        String url = artifactUrl(repoBase(), coords);
        HttpClient client = httpClient();
        System.err.println("[jbang-wrapper] downloading " + url);

        // Fetch the checksum first: it is tiny, and if the repository cannot
        // serve it we fail before spending time on the 10 MB jar.
        String expected = parseSha1(new String(get(client, url + ".sha1", BodyKind.BYTES), StandardCharsets.US_ASCII),
                url + ".sha1");

        Path dir = parentDir(dest);
        Path tmp = Files.createTempFile(dir, dest.getFileName() + ".", ".part");
        try {
            MessageDigest sha1 = sha1();
            try (InputStream in = get(client, url, BodyKind.STREAM); OutputStream out = Files.newOutputStream(tmp)) {
                copyDigesting(in, out, sha1);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equalsIgnoreCase(expected)) {
                throw new Failure("SHA-1 mismatch for " + url + ": expected " + expected + ", got " + actual);
            }
            moveIntoPlace(tmp, dest);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.err.println("[jbang-wrapper] SHA-1 verified (" + expected + "), saved " + dest);
    }

    static String repoBase() {
        String base = System.getenv("CODEXSYNC_MAVEN_REPO");
        if (base == null || base.isBlank()) {
            base = DEFAULT_REPO;
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * Maven 2 layout: group/with/slashes/artifact/version/artifact-version[-classifier].extension.
     * Accepts g:a:v, g:a:v:classifier and Maven's own g:a:v:type:classifier
     * spelling, so the same string as in `mvn dependency:get -Dartifact=` works.
     */
    static String artifactUrl(String base, String coords) throws Failure {
        String[] p = coords.split(":", -1);
        if (p.length < 3 || p.length > 5) {
            throw new Failure("bad coordinates '" + coords + "', expected groupId:artifactId:version[:classifier]");
        }
        for (String part : p) {
            if (part.isEmpty() || part.contains("/") || part.contains("\\") || part.contains("..")) {
                throw new Failure("bad coordinates '" + coords + "'");
            }
        }
        String extension = p.length == 5 ? p[3] : "jar";
        String classifier = p.length == 5 ? p[4] : p.length == 4 ? p[3] : null;
        String file = p[1] + "-" + p[2] + (classifier != null ? "-" + classifier : "") + "." + extension;
        return base + "/" + p[0].replace('.', '/') + "/" + p[1] + "/" + p[2] + "/" + file;
    }

    enum BodyKind { BYTES, STREAM }

    @SuppressWarnings("unchecked")
    static <T> T get(HttpClient client, String url, BodyKind kind) throws Exception {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .header("User-Agent", "codexsync-jbang-wrapper")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Failure("bad repository URL '" + url + "' (check CODEXSYNC_MAVEN_REPO)");
        }
        try {
            if (kind == BodyKind.BYTES) {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                checkStatus(r.statusCode(), url);
                return (T) r.body();
            }
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
            }
            checkStatus(r.statusCode(), url);
            return (T) r.body();
        } catch (IOException e) {
            throw new Failure("cannot fetch " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    static void checkStatus(int status, String url) throws Failure {
        if (status != 200) {
            throw new Failure("HTTP " + status + " for " + url);
        }
    }

    // --------------------------------------------------------------- proxy

    static HttpClient httpClient() throws Failure {
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30));
        ProxySelector selector = proxySelector();
        if (selector != null) {
            b.proxy(selector);
        }
        return b.build();
    }

    /**
     * JVM proxy properties win because someone set them on purpose for this
     * JVM (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS); otherwise use the
     * https_proxy/HTTPS_PROXY convention that curl and friends follow.
     */
    static ProxySelector proxySelector() throws Failure {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null
                || Boolean.getBoolean("java.net.useSystemProxies")) {
            return ProxySelector.getDefault();
        }
        String env = firstEnv("https_proxy", "HTTPS_PROXY");
        if (env == null) {
            return null;
        }
        URI proxy;
        try {
            proxy = URI.create(env.contains("://") ? env : "http://" + env);
        } catch (IllegalArgumentException e) {
            throw new Failure("cannot parse https_proxy '" + env + "'");
        }
        if (proxy.getHost() == null) {
            throw new Failure("cannot parse https_proxy '" + env + "'");
        }
        int port = proxy.getPort() != -1 ? proxy.getPort() : 80;
        if (proxy.getRawUserInfo() != null) {
            installProxyAuth(proxy.getRawUserInfo());
        }
        SocketAddress address = InetSocketAddress.createUnresolved(proxy.getHost(), port);
        String noProxy = firstEnv("no_proxy", "NO_PROXY");
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (bypass(uri.getHost(), noProxy)) {
                    return List.of(Proxy.NO_PROXY);
                }
                return List.of(new Proxy(Proxy.Type.HTTP, address));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to remember: a single download either works or fails
            }
        };
    }

    static boolean bypass(String host, String noProxy) {
        if (host == null || noProxy == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            String suffix = e.startsWith(".") ? e : "." + e;
            if (h.equals(e) || h.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    static void installProxyAuth(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = URLDecoder.decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon), StandardCharsets.UTF_8);
        char[] pass = URLDecoder.decode(colon < 0 ? "" : rawUserInfo.substring(colon + 1), StandardCharsets.UTF_8)
                .toCharArray();
        // The JDK refuses Basic auth for CONNECT tunnels by default; a proxy URL
        // carrying credentials is an explicit request to use them.
        System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, pass) : null;
            }
        });
    }

    static String firstEnv(String... names) {
        for (String n : names) {
            String v = System.getenv(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    // ------------------------------------------------------------- install

    static void install(Path source, Path dest, Path sha1File) throws Exception {
        if (!Files.isRegularFile(source)) {
            throw new Failure("not a file: " + source);
        }
        String expected = null;
        if (sha1File != null && Files.isRegularFile(sha1File)) {
            expected = parseSha1(Files.readString(sha1File, StandardCharsets.US_ASCII), sha1File.toString());
        }
        Path dir = parentDir(dest);
        Path tmp = Files.createTempFile(dir, dest.getFileName() + ".", ".part");
        try {
            MessageDigest sha1 = sha1();
            try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(tmp)) {
                copyDigesting(in, out, sha1);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (expected != null && !actual.equalsIgnoreCase(expected)) {
                throw new Failure("SHA-1 mismatch for " + source + ": expected " + expected + ", got " + actual);
            }
            moveIntoPlace(tmp, dest);
            System.err.println("[jbang-wrapper] " + (expected != null
                    ? "SHA-1 verified (" + actual + ")"
                    : "no .sha1 beside it; relying on Maven's own checksum check (SHA-1 " + actual + ")")
                    + ", saved " + dest);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ------------------------------------------------------------- helpers

    /** Repositories publish either the bare hex or "hex  filename". */
    static String parseSha1(String text, String where) throws Failure {
        String token = text.trim().split("\\s+", 2)[0];
        if (!token.matches("[0-9a-fA-F]{40}")) {
            throw new Failure("no SHA-1 found in " + where);
        }
        return token;
    }

    static MessageDigest sha1() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-1");
    }

    static void copyDigesting(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            digest.update(buf, 0, n);
            out.write(buf, 0, n);
        }
    }

    static Path parentDir(Path dest) throws IOException {
        Path dir = dest.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir;
    }

    static void moveIntoPlace(Path tmp, Path dest) throws IOException {
        // createTempFile makes the file owner-only (0600); the jar is not a
        // secret, and a JBANG_DIR shared between users must stay readable.
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): ACLs are inherited from the folder
        }
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this should not happen; if a file system cannot
            // rename atomically, a plain replace is still better than nothing.
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

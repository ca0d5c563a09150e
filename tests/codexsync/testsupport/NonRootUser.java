// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a child JVM as an unprivileged user, for tests about file permissions: root ignores them, and CI runs as
 * root. As root the child is started through {@code setpriv} as nobody (65534) with the test class path copied to a
 * folder that user can read; as a normal user it simply runs as that user.
 */
public final class NonRootUser {
    public static final int NOBODY = 65534;

    private NonRootUser() {
    }

    public static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why permission tests cannot run here, or empty when they can. */
    public static Optional<String> unavailable() {
        if (System.getProperty("os.name").toLowerCase().contains("win")) {
            return Optional.of("POSIX permissions only");
        }
        if (isRoot() && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return Optional.of("running as root and setpriv (util-linux) is missing: cannot drop to a non-root user");
        }
        return Optional.empty();
    }

    /**
     * {@code java -cp <test class path> <mainClass> <args>} as a non-root user. {@code work} must be a folder the
     * caller controls; the class path copy goes under it.
     */
    public static ProcessBuilder javaCommand(Path work, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        if (isRoot()) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            classPath = readableCopy(classPath, Files.createDirectories(work.resolve("classpath")));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-cp", classPath, mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Lets every user read and traverse {@code dir} and its parents up to /tmp (JUnit makes them private). */
    public static void openUp(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null && p.getNameCount() > 1; p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String readableCopy(String classPath, Path into) throws IOException {
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path src = Path.of(entry);
            if (!Files.isRegularFile(src)) {
                continue;
            }
            Path dest = into.resolve((i++) + "-" + src.getFileName());
            Files.copy(src, dest);
            copied.add(dest.toString());
        }
        openUp(into);
        try (var s = Files.list(into)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, copied);
    }
}

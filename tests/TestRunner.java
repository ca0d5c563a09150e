///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.15.0
//DEPS org.slf4j:slf4j-api:2.0.20
//DEPS ch.qos.logback:logback-classic:1.6.6
//DEPS org.junit:junit-bom:6.1.3@pom
//DEPS org.junit.jupiter:junit-jupiter:6.1.3
//DEPS org.junit.platform:junit-platform-launcher:6.1.3
//DEPS com.tngtech.archunit:archunit:1.5.1
//DEPS com.github.luben:zstd-jni:1.5.7-28
//SOURCES ../lib/LibSources.java
//SOURCES ../commands/*.java
//SOURCES ../codexsync.java
//SOURCES codexsync/**/*.java
// SPDX-License-Identifier: GPL-3.0-or-later

import codexsync.log.LogSetup;
import codexsync.testsupport.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs every JUnit 5 test and ArchUnit rule of codexsync: {@code ./jbang tests/TestRunner.java}.
 * Optional arguments narrow the run: a class ({@code codexsync.config.ConfigLoaderTest}), a method
 * ({@code codexsync.config.ConfigLoaderTest#rejectsBadValues}) or a package ({@code codexsync.plan}).
 * Tests are selected by package, not by scanning the class path, so the JBang cache location does not matter.
 * Skipped tests are printed by name with their reason as they happen and listed again at the end. Under
 * {@code CI=true} a skip of a test tagged {@code ci-required} ({@code @CiRequired}: its tool is installed by
 * {@code .ci/run}) counts as a failure. The last line is always {@code N passed, N failed}; the exit code is
 * non-zero when anything failed.
 */
class TestRunner {
    /** The tag of {@code codexsync.testsupport.CiRequired}. */
    private static final String CI_REQUIRED = "ci-required";

    /** Where codexsync keeps per-user state when set (lib/codexsync/config/InstallationPaths.java). */
    private static final String STATE_HOME = "CODEXSYNC_STATE_HOME";

    public static void main(String... args) throws IOException, InterruptedException {
        if (System.getenv(STATE_HOME) == null) {
            System.exit(inOwnStateHome(args));
        }
        // Quiet library DEBUG logging (ArchUnit's importer) and keep stdout for results.
        LogSetup.console(false);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String a : args) {
            if (a.contains("#") && !a.contains("(")) {
                // Select every method of that name, whatever its parameters (@TempDir, @ParameterizedTest).
                selectors.addAll(methodsNamed(a.substring(0, a.indexOf('#')), a.substring(a.indexOf('#') + 1)));
            } else if (a.contains("#")) {
                selectors.add(DiscoverySelectors.selectMethod(a));
            } else if (Character.isUpperCase(a.charAt(a.lastIndexOf('.') + 1))) {
                selectors.add(DiscoverySelectors.selectClass(a));
            } else {
                selectors.add(DiscoverySelectors.selectPackage(a));
            }
        }
        if (selectors.isEmpty()) {
            selectors.add(DiscoverySelectors.selectPackage("codexsync"));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        PrintWriter out = new PrintWriter(System.out, true);
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        AtomicLong passed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                skip(id, reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    skip(id, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
                    return;
                }
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    // Container failures (e.g. a @BeforeAll) count too: their tests never ran.
                    failed.incrementAndGet();
                    failures.add(name(id));
                    out.println("FAIL " + name(id));
                    result.getThrowable().ifPresent(t -> t.printStackTrace(out));
                } else if (id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    passed.incrementAndGet();
                    out.println("ok   " + name(id));
                }
            }

            /**
             * A skipped test or class, by name with its reason. Under CI=true a test tagged ci-required (its tool is
             * installed by .ci/run) must not skip: that is a failure, or CI would pass a check it never made.
             */
            private void skip(TestIdentifier id, String reason) {
                String line = name(id) + ": " + reason;
                if (ci && id.getTags().contains(TestTag.create(CI_REQUIRED))) {
                    failed.incrementAndGet();
                    failures.add(name(id) + " (skipped, but CI must run it: " + reason + ")");
                    out.println("FAIL " + line + " [skipped under CI=true, tagged " + CI_REQUIRED + "]");
                    return;
                }
                skips.add(line);
                out.println("SKIP " + line);
            }
        });
        if (!skips.isEmpty()) {
            out.println();
            out.println("Skipped:");
            skips.forEach(s -> out.println("  " + s));
        }
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f));
        }
        out.println(skips.size() + " skipped" + (ci ? " (CI=true: ci-required tests may not skip)" : ""));
        out.println(passed.get() + " passed, " + failed.get() + " failed");
        out.flush();
        System.exit(failed.get() == 0 && passed.get() > 0 ? 0 : 1);
    }

    private static List<DiscoverySelector> methodsNamed(String className, String method) {
        List<DiscoverySelector> found = new ArrayList<>();
        try {
            Class<?> type = Class.forName(className);
            for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    found.add(DiscoverySelectors.selectMethod(type, m));
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no test class " + className, e);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no method " + method + " in " + className);
        }
        return found;
    }

    private static String name(TestIdentifier id) {
        String uid = id.getUniqueId();
        String cls = uid.replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return (uid.contains("[class:") ? simple + " > " : "") + id.getDisplayName();
    }

    /**
     * Runs the tests again in a child JVM whose {@code CODEXSYNC_STATE_HOME} is a fresh temporary folder, and
     * returns its exit code. In-process tests run codexsync's services, which keep per-user state there (the
     * installation id, kept parses of state files); without it that is the developer's own
     * {@code ~/.local/state/codexsync} (or the OS's equivalent), whose kept parses a test run would evict. A JVM
     * cannot change its own environment, hence the second JVM (about 0.3 s). Tests that need another state folder
     * set their own; the child processes tests start inherit this one. To run the tests in the first JVM (under a
     * debugger, say), set {@code CODEXSYNC_STATE_HOME} yourself.
     */
    private static int inOwnStateHome(String... args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("codexsync-test-state");
        try {
            ProcessBuilder pb = ChildJvm.command(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    TestRunner.class.getName(), args).inheritIO();
            pb.environment().put(STATE_HOME, home.toString());
            Process child = pb.start();
            // A stop of this JVM (a TERM sent to it alone) stops the tests too, and removes their state folder: this
            // thread's finally block does not run when the JVM exits under it.
            Thread stopChild = new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                deleteTree(home);
            });
            Runtime.getRuntime().addShutdownHook(stopChild);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping and the hook has the child and the folder in hand
            }
            return code;
        } finally {
            deleteTree(home);
        }
    }

    /** Best effort: a file a straggling test process still writes, or one the other remover took first, is skipped. */
    private static void deleteTree(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // already gone, or a folder vanished during the walk
        }
    }
}

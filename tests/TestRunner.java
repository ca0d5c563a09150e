///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.13.2
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS ch.qos.logback:logback-classic:1.5.21
//DEPS com.github.luben:zstd-jni:1.5.7-28
//DEPS org.junit:junit-bom:5.14.1@pom
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1
//DEPS com.tngtech.archunit:archunit:1.4.1
//SOURCES ../lib/LibSources.java
//SOURCES ../commands/*.java
//SOURCES ../codexsync.java
//SOURCES codexsync/**/*.java
// SPDX-License-Identifier: GPL-3.0-or-later

import codexsync.log.LogSetup;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
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
 * The last line is always {@code N passed, N failed}; the exit code is non-zero when anything failed.
 */
class TestRunner {
    public static void main(String... args) {
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
        AtomicLong passed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        List<String> failures = new ArrayList<>();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    skipped.incrementAndGet();
                    out.println("SKIP " + name(id) + ": " + reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.ABORTED && id.isTest()) {
                    skipped.incrementAndGet();
                    out.println("SKIP " + name(id) + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
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
        });
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f));
        }
        out.println(skipped.get() + " skipped");
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
}

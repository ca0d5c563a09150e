///usr/bin/env jbang "$0" "$@" ; exit $?
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Smoke test for the jbang launchers (see run.sh next to it): prints each
// argument on its own line, so quoting damage is visible, and exits 7, so a
// lost exit code is visible too. The picocli dependency makes JBang resolve
// from Maven, which is the path we care about on Central-only machines.
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7

public class hello {
    public static void main(String... args) {
        // Touch picocli so the dependency is really on the classpath.
        System.err.println("picocli " + picocli.CommandLine.VERSION + " on Java " + System.getProperty("java.version"));
        for (String a : args) {
            System.out.println(a);
        }
        System.exit(7);
    }
}

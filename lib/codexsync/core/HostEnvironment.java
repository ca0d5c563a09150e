// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What codexsync reads from the machine it runs on: environment variables, home folder, host name and OS.
 * Passed in explicitly so tests can describe another machine (a Windows host, another home) without
 * touching the real one.
 */
public record HostEnvironment(Map<String, String> env, Path userHome, String hostName, OperatingSystem os) {

    public enum OperatingSystem {
        WINDOWS, MACOS, LINUX;

        /** Windows and macOS volumes are usually case-insensitive, so path comparisons must fold case there. */
        public boolean caseInsensitivePaths() {
            return this != LINUX;
        }

        public static OperatingSystem fromOsName(String osName) {
            String n = osName.toLowerCase(Locale.ROOT);
            if (n.startsWith("windows")) {
                return WINDOWS;
            }
            if (n.contains("mac") || n.contains("darwin")) {
                return MACOS;
            }
            return LINUX;
        }
    }

    public static HostEnvironment current() {
        return new HostEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), detectHostName(),
                OperatingSystem.fromOsName(System.getProperty("os.name", "linux")));
    }

    public String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String detectHostName() {
        // Environment first: InetAddress can block for seconds on a badly configured resolver.
        String fromEnv = System.getenv("COMPUTERNAME");
        if (fromEnv == null || fromEnv.isBlank()) {
            fromEnv = System.getenv("HOSTNAME");
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-machine";
        }
    }
}

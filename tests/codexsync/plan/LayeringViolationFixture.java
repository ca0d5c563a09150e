// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture only (not product: its source is under tests/): a "planner" that reaches up into the CLI, reads the
 * disk and asks the network for its host name, so RulesCanFailTest can show the real layering and purity rules
 * failing on it.
 */
public final class LayeringViolationFixture {
    private LayeringViolationFixture() {
    }

    public static Object reachUp() {
        return codexsync.cli.Cli.exitCodeHelp();
    }

    public static boolean readDisk(Path p) {
        return Files.exists(p);
    }

    public static String hostName() throws java.net.UnknownHostException {
        return java.net.InetAddress.getLocalHost().getHostName();
    }
}

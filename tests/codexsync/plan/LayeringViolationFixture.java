// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture only (excluded from the product import by its name): a "planner" that reaches up into the CLI and
 * reads the disk, so RulesCanFailTest can show the real layering and purity rules failing on it.
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
}

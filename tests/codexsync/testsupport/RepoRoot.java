// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder, found from the working directory (tests run from the root or below it). */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("jbang-catalog.json")) && Files.isDirectory(p.resolve("lib"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("run the tests from inside the codexsync checkout");
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository root for tests that run the project's scripts.
 * Tests may be started from the root, from tests/ or from an IDE module
 * folder, so walk up from the working directory instead of trusting it.
 */
public final class RepoRoot {

    private RepoRoot() {
    }

    /**
     * The nearest folder, starting at the working directory and going up, that
     * holds jbang-catalog.json, or both the jbang launcher and the .ci folder.
     *
     * @throws IllegalStateException when no such folder exists
     */
    public static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang-catalog.json"))
                    || (Files.isRegularFile(dir.resolve("jbang")) && Files.isDirectory(dir.resolve(".ci")))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + start
                + " (looked for jbang-catalog.json, or jbang next to .ci/)");
    }
}

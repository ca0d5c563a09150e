// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A second checkout for launcher tests: the files a user's checkout has (no .git), copied with their times. */
public final class CheckoutCopy {
    private static final List<String> TOP = List.of("jbang", "codexsync.java", "jbang-catalog.json", ".jbang-wrapper",
            "lib", "commands");

    private CheckoutCopy() {
    }

    public static Path copy(Path repo, Path dest) throws IOException {
        for (String top : TOP) {
            TreeCopy.copy(repo.resolve(top), dest.resolve(top));
        }
        return dest;
    }
}

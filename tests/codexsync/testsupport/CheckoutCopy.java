// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A second checkout for launcher tests: the files a user's checkout has (no .git), copied with their times. */
public final class CheckoutCopy {
    private static final List<String> TOP = List.of("jbang", "codexsync.java", "jbang-catalog.json", ".jbang-wrapper",
            "lib", "commands");

    private CheckoutCopy() {
    }

    public static Path copy(Path repo, Path dest) throws IOException {
        for (String top : TOP) {
            Path src = repo.resolve(top);
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    Path to = dest.resolve(repo.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return dest;
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** JDKs installed beside the one running the tests, so a test can run codexsync on each Java the README allows. */
public final class Jdks {
    private Jdks() {
    }

    /** The home of an installed JDK of this feature version under /usr/lib/jvm (or $CODEXSYNC_JDK_&lt;n&gt;). */
    public static Optional<Path> home(int feature) {
        String fromEnv = System.getenv("CODEXSYNC_JDK_" + feature);
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv, "bin", "javac"))) {
            return Optional.of(Path.of(fromEnv));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches(".*\\D" + feature + "(\\D.*)?"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/javac"))).sorted().toList();
            return found.stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A display for GUI tests: the session's own {@code DISPLAY} when set, else a private {@code Xvfb} started here
 * (it picks a free display number itself via {@code -displayfd}) and stopped on {@link #close()}. Empty when
 * there is neither, so the test can skip.
 */
final class VirtualDisplayFixture implements AutoCloseable {
    final String display;
    private final Process xvfb;

    private VirtualDisplayFixture(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    static Optional<VirtualDisplayFixture> open() throws IOException, InterruptedException {
        String existing = System.getenv("DISPLAY");
        if (existing != null && !existing.isBlank()) {
            return Optional.of(new VirtualDisplayFixture(existing, null));
        }
        Optional<Path> xvfb = onPath("Xvfb");
        if (xvfb.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(xvfb.get().toString(), "-displayfd", "1", "-screen", "0", "1024x768x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String n = number.get(20, TimeUnit.SECONDS);
            if (n == null || n.isBlank()) {
                p.destroy();
                return Optional.empty();
            }
            return Optional.of(new VirtualDisplayFixture(":" + n.strip(), p));
        } catch (Exception e) {
            p.destroy();
            return Optional.empty();
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a helper program ({@code ps}, {@code tasklist}, {@code powershell}, {@code taskkill}) and returns its output,
 * or empty when it is missing, fails or hangs. Its stdin is closed so it can never wait for input.
 */
final class ExternalCommand {
    private static final long TIMEOUT_SECONDS = 20;

    private ExternalCommand() {
    }

    static Optional<String> output(List<String> command, Charset charset) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            p.getOutputStream().close();
            // Read on another thread so a full pipe cannot block the wait.
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroy();
                return Optional.empty();
            }
            byte[] bytes = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? Optional.of(new String(bytes, charset)) : Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs a command for its effect; true when it exited 0. */
    static boolean succeeds(List<String> command) {
        return output(command, Charset.defaultCharset()).isPresent();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}

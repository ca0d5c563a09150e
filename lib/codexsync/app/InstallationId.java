// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.InstallationPaths;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.StagedWrite;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * This installation's random id, kept in codexsync's per-user state folder ({@link InstallationPaths}), never in the
 * cloud folder: the one thing two machines that were given the same machine id cannot share. Read-only commands only
 * read it; the first writing run creates it.
 */
public final class InstallationId {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private InstallationId() {
    }

    /** The id, or empty when this installation has not made a writing run yet. Never writes. */
    public static Optional<String> read(HostEnvironment host) {
        Path file = InstallationPaths.installationIdFile(host);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (MalformedInputException e) {
            throw damaged(file, "it is not UTF-8 text");
        } catch (IOException e) {
            throw damaged(file, e.getMessage());
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw damaged(file, "it does not hold one installation id (a UUID)");
        }
        return Optional.of(text);
    }

    /** The id, created (a random UUID, written atomically) when this is the installation's first writing run. */
    public static String ensure(HostEnvironment host) {
        Optional<String> existing = read(host);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path file = InstallationPaths.installationIdFile(host);
        try (StagedWrite w = StagedWrite.open(file)) {
            w.stream().write((UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8));
            // publish, not commit: never replace an id another codexsync process created a moment ago.
            w.publish();
        } catch (FileAlreadyExistsException e) {
            // Another run on this machine created it first: use that one (read below).
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create the installation id " + file + ": " + e.getMessage(),
                    file.toString(), "check that the folder is writable, or set " + InstallationPaths.STATE_HOME_ENV
                    + " to a writable folder outside the cloud folder", e);
        }
        return read(host).orElseThrow();
    }

    private static InvalidInputException damaged(Path file, String why) {
        return new InvalidInputException("cannot read this installation's id " + file + ": " + why, file.toString(),
                "delete the file; the next sync --apply makes a new id, and if this machine's id was already in use "
                        + "by it, run that sync with --take-over-machine-id");
    }
}

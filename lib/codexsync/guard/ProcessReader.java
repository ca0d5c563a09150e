// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.util.Optional;

/** Reads the process list; empty when it cannot be read (the guard then treats Codex's state as UNKNOWN). */
@FunctionalInterface
public interface ProcessReader {
    Optional<ProcessSnapshot> read();
}

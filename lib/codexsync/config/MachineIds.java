// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/** Machine ids name backups, logs and base-state entries, so they must be safe in file names everywhere. */
public final class MachineIds {
    private MachineIds() {
    }

    /** 0.1.1's rule: characters outside {@code [A-Za-z0-9._-]} become '-', '-' and '.' are trimmed. */
    public static String sanitise(String raw) {
        String s = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "-");
        s = s.replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
        return s.isEmpty() ? "unknown-machine" : s;
    }
}

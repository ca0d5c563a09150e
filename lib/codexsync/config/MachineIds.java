// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import java.security.SecureRandom;
import java.util.Random;

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

    /** Letters and digits that read unambiguously (no 0/o, 1/l/i). */
    private static final String SUFFIX_CHARS = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final int SUFFIX_LENGTH = 4;

    /**
     * A machine id unlikely to repeat among one person's machines: the host name plus a short random suffix
     * ({@code MacBook-Pro-7kq2}). Host names repeat more often than one expects (a default name, a cloned VM, a
     * reinstalled laptop), and two machines with one id would take each other's base state for their own.
     */
    public static String proposal(String hostName) {
        return proposal(hostName, new SecureRandom());
    }

    static String proposal(String hostName, Random random) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        return sanitise(hostName) + "-" + suffix;
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-only fault injection: kills the process (as SIGKILL would: {@link Runtime#halt}, so no {@code finally} block,
 * shutdown hook or flush runs) at an exact point of a writing run, chosen with the system property
 * {@value #PROPERTY}:
 * <ul>
 *   <li>{@code <PHASE>:<n>} — inside a write: after the n-th byte (counted from 1 over the whole run) that codexsync
 *       writes in that phase ({@link Phase}); the byte-exact cut leaves a torn staging file, snapshot or journal line
 *       exactly as a kill during that {@code write} call would;</li>
 *   <li>{@code STEP:<k>} — at the k-th step of the write engine (journal started, backed up, and per file intent,
 *       staged, moved, done; all actions done; base state saved).</li>
 * </ul>
 * Without the property nothing is ever killed; the counters only add up what was written, so a test can size its
 * kill points from one uninterrupted run ({@link #written}). Lives in {@code fs} because the writes it cuts do.
 */
public final class CrashPoints {
    public static final String PROPERTY = "codexsync.test.crashAt";
    /** Exit status of a halted child, so a test can tell an injected kill from a failure. */
    public static final int HALT_STATUS = 137;

    /** What a byte being written belongs to; the write engine says which phase it is in. */
    public enum Phase { FILE, BACKUP, JOURNAL, BASE_STATE, STEP }

    private static final Map<Phase, Long> WRITTEN = new EnumMap<>(Phase.class);
    private static final List<String> STEPS = new ArrayList<>();
    private static volatile Phase current = Phase.FILE;
    private static Phase killPhase;
    private static long killAt = -1;

    static {
        String spec = System.getProperty(PROPERTY);
        if (spec != null && spec.contains(":")) {
            killPhase = Phase.valueOf(spec.substring(0, spec.indexOf(':')).trim().toUpperCase(Locale.ROOT));
            killAt = Long.parseLong(spec.substring(spec.indexOf(':') + 1).trim());
        }
    }

    private CrashPoints() {
    }

    /** Staged writes from now on belong to {@code phase} (the journal's bytes are always {@link Phase#JOURNAL}). */
    public static void enter(Phase phase) {
        current = phase;
    }

    /** Step {@code kind} of the write engine has been reached (the k-th call is kill point {@code STEP:k}). */
    public static void step(String kind) {
        synchronized (CrashPoints.class) {
            STEPS.add(kind);
        }
        count(Phase.STEP, 1);
    }

    /** The kinds of the steps reached so far, in order; for choosing kill points that reach every kind. */
    public static synchronized List<String> steps() {
        return List.copyOf(STEPS);
    }

    /** Bytes written so far in {@code phase} (steps for {@link Phase#STEP}); for sizing kill points. */
    public static synchronized long written(Phase phase) {
        return WRITTEN.getOrDefault(phase, 0L);
    }

    /** Sets every counter to zero (a test sizing one run in its own JVM). */
    public static synchronized void reset() {
        WRITTEN.clear();
        STEPS.clear();
    }

    static Phase current() {
        return current;
    }

    /**
     * How many of {@code len} bytes about to be written in {@code phase} may be written before the kill point; equal
     * to {@code len} unless the kill point lies inside them. The caller writes that many, then calls {@link #count}.
     */
    static synchronized int allowed(Phase phase, int len) {
        if (phase != killPhase) {
            return len;
        }
        long before = WRITTEN.getOrDefault(phase, 0L);
        return (int) Math.max(0, Math.min(len, killAt - before));
    }

    /** Adds {@code n} written bytes (or steps) to {@code phase}; halts the process when the kill point is reached. */
    static void count(Phase phase, long n) {
        long total;
        synchronized (CrashPoints.class) {
            total = WRITTEN.merge(phase, n, Long::sum);
        }
        if (phase == killPhase && total >= killAt) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}

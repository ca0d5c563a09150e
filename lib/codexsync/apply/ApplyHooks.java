// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

/**
 * Called at every {@link ApplyStep}. Production uses {@link #NONE}; tests inject crashes (throw
 * {@link SimulatedCrash}). A real process is paused at every step with {@link WriteEngine#STEP_DELAY_PROPERTY} and
 * killed at an exact one with {@link codexsync.fs.CrashPoints}.
 */
@FunctionalInterface
public interface ApplyHooks {
    ApplyHooks NONE = (step, path) -> { };

    /** {@code path} is the file the step concerns, or null for run-wide steps. */
    void at(ApplyStep step, String path);
}

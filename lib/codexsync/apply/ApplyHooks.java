// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

/**
 * Called at every {@link ApplyStep}. Production uses {@link #NONE}; tests inject crashes (throw
 * {@link SimulatedCrash}) and the crash-recovery driver pauses a real process at a chosen step
 * ({@link StepPause}) so it can be killed there deterministically.
 */
@FunctionalInterface
public interface ApplyHooks {
    ApplyHooks NONE = (step, path) -> { };

    /** {@code path} is the file the step concerns, or null for run-wide steps. */
    void at(ApplyStep step, String path);
}

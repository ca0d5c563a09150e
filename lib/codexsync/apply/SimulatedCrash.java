// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

/**
 * Thrown by test hooks to stop an apply dead at a step, like a power cut: it is an Error so no product code catches
 * it, and the applier deliberately leaves its journal on disk for recovery.
 */
public class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(ApplyStep step, String path) {
        super("simulated crash at " + step + (path == null ? "" : " (" + path + ")"));
    }
}

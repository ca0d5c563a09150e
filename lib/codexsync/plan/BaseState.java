// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.util.Map;

/**
 * This machine's base state (D11): per relative path, what it last agreed with the cloud. Empty means "never
 * synchronised" (first sync: no deletion can be proven, no change can be told from a conflict by history).
 */
public record BaseState(String machineId, Map<String, BaseEntry> files) {
    public static BaseState empty(String machineId) {
        return new BaseState(machineId, Map.of());
    }

    public BaseEntry entry(String path) {
        return files.get(path);
    }
}

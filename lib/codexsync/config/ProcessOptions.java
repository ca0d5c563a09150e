// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.List;
import java.util.Map;

/** The {@code [process_detection]} table; names are lower-cased and de-duplicated as in 0.1.1. */
public record ProcessOptions(
        List<String> processNames,
        int gracePeriodSeconds,
        boolean allowTerminateIfRunning,
        boolean manualTerminateConfirmation,
        ConfirmationMode terminateConfirmationMode,
        int terminateTimeoutSeconds,
        Map<OperatingSystem, List<String>> backgroundProcessNames) {

    public enum ConfirmationMode { GUI, CONSOLE }

    public List<String> backgroundNamesFor(OperatingSystem os) {
        return backgroundProcessNames.getOrDefault(os, List.of());
    }
}

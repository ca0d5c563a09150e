// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import codexsync.config.ConfigOverrides;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's terminate flags reach the guard as the right override, and --apply as APPLY. */
class GuardRequestTest {
    @Test
    void flagsMapToOverridesAndRunKinds() {
        List<String> calls = new ArrayList<>();
        for (Invocation.TerminateOverride t : Invocation.TerminateOverride.values()) {
            Invocation inv = new Invocation(null, true, t, ConfigOverrides.NONE);
            GuardRequest.ensureCodexStopped((c, kind, o, v) -> calls.add(kind + " " + o + " " + v), null, inv, t.ordinal() == 1);
        }
        assertEquals(List.of("DRY_RUN NONE true", "APPLY ALWAYS_ASK true", "DRY_RUN NEVER_ASK true"), calls);
        assertEquals(ConfirmationOverride.ALWAYS_ASK, GuardRequest.override(Invocation.TerminateOverride.MANUAL_CONFIRMATION));
    }
}

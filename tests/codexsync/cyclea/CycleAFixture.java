// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cyclea;

/** Test fixture only: half of a deliberate package cycle (cyclea → cycleb → cyclea) for RulesCanFailTest. */
public final class CycleAFixture {
    private CycleAFixture() {
    }

    public static Object other() {
        return codexsync.cycleb.CycleBFixture.back();
    }
}

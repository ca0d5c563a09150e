// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cycleb;

/** Test fixture only: the other half of the deliberate package cycle. */
public final class CycleBFixture {
    private CycleBFixture() {
    }

    public static Object back() {
        return codexsync.cyclea.CycleAFixture.class;
    }
}

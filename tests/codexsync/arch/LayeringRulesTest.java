// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import org.junit.jupiter.api.Test;

class LayeringRulesTest {
    @Test
    void lib_is_layered() {
        ArchRules.LIB_IS_LAYERED.check(ProductClasses.get());
    }

    @Test
    void lib_packages_are_free_of_cycles() {
        ArchRules.LIB_PACKAGES_ARE_FREE_OF_CYCLES.check(ProductClasses.get());
    }
}

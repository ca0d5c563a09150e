// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import org.junit.jupiter.api.Test;

class SafetyRulesTest {
    @Test
    void only_fs_writes_files() {
        ArchRules.ONLY_FS_WRITES_FILES.check(ProductClasses.get());
    }

    @Test
    void plan_does_not_touch_the_file_system_or_the_clock() {
        ArchRules.PLAN_IS_PURE.check(ProductClasses.get());
    }
}

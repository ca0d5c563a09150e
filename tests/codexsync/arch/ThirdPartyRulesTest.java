// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import org.junit.jupiter.api.Test;

class ThirdPartyRulesTest {
    @Test
    void only_cli_and_commands_use_picocli() {
        ArchRules.ONLY_CLI_AND_COMMANDS_USE_PICOCLI.check(ProductClasses.get());
    }

    @Test
    void only_config_uses_tomlj() {
        ArchRules.ONLY_CONFIG_USES_TOMLJ.check(ProductClasses.get());
    }

    @Test
    void only_backup_uses_commons_compress() {
        ArchRules.ONLY_BACKUP_USES_COMMONS_COMPRESS.check(ProductClasses.get());
    }

    @Test
    void only_scan_uses_zstd() {
        ArchRules.ONLY_SCAN_USES_ZSTD.check(ProductClasses.get());
    }

    @Test
    void only_log_uses_logback() {
        ArchRules.ONLY_LOG_USES_LOGBACK.check(ProductClasses.get());
    }

    @Test
    void only_core_uses_gson() {
        ArchRules.ONLY_CORE_USES_GSON.check(ProductClasses.get());
    }

    @Test
    void only_guard_touches_processes() {
        ArchRules.ONLY_GUARD_TOUCHES_PROCESSES.check(ProductClasses.get());
    }
}

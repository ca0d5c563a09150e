// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The product's classes only. Tests and lib compile into one JBang jar, so ArchUnit's DoNotIncludeTests (which
 * looks for build-folder paths) cannot tell them apart; this option drops test classes, test support and the
 * deliberately bad fixtures by name instead.
 */
final class ProductClasses {
    static final ImportOption PRODUCT_ONLY = ProductClasses::isProduct;
    private static JavaClasses cached;

    private ProductClasses() {
    }

    static boolean isProduct(Location location) {
        String s = location.toString().replace('\\', '/');
        return !(s.contains("Test.class") || s.contains("Fixture") || s.contains("Test$") || s.contains("/testsupport/")
                || s.contains("/arch/") || s.contains("/blackbox/") || s.contains("/fixtures/"));
    }

    static synchronized JavaClasses get() {
        if (cached == null) {
            cached = new ClassFileImporter().withImportOption(PRODUCT_ONLY).importPackages("codexsync");
        }
        return cached;
    }

    static JavaClasses fixtures() {
        return new ClassFileImporter().importPackages("codexsync.arch.fixtures");
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import codexsync.testsupport.RepoRoot;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The product's classes: those whose source file lies in {@code lib/} or {@code commands/}, chosen by folder. Tests
 * and lib compile into one JBang jar, so a class file's location cannot tell them apart, and a test class named
 * without "Test" must not slip into the product (nor a product class named "...Fixture" out of it).
 */
final class ProductClasses {
    private static final Set<String> SOURCES = productSources();
    static final ImportOption PRODUCT_ONLY = ProductClasses::isProduct;
    private static JavaClasses cached;

    private ProductClasses() {
    }

    /** {@code codexsync/apply/WriteEngine} for every {@code .java} file under lib/ and commands/. */
    private static Set<String> productSources() {
        Path root = RepoRoot.find();
        Set<String> names = new HashSet<>();
        try (Stream<Path> lib = Files.walk(root.resolve("lib"));
             Stream<Path> commands = Files.list(root.resolve("commands"))) {
            lib.filter(p -> p.toString().endsWith(".java")).forEach(p -> names.add(stem(root.resolve("lib"), p)));
            commands.filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> names.add("codexsync/commands/" + p.getFileName().toString().replace(".java", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String stem(Path base, Path file) {
        String rel = base.relativize(file).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length());
    }

    /** A class file belongs to the product when its top-level class comes from a product source file. */
    static boolean isProduct(Location location) {
        String s = location.asURI().toString().replace('\\', '/');
        int inJar = s.lastIndexOf("!/");
        String entry = inJar >= 0 ? s.substring(inJar + 2) : s.substring(Math.max(0, s.lastIndexOf("/codexsync/") + 1));
        if (!entry.endsWith(".class")) {
            return false;
        }
        String top = entry.substring(0, entry.length() - ".class".length());
        int nested = top.indexOf('$');
        return SOURCES.contains(nested < 0 ? top : top.substring(0, nested));
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

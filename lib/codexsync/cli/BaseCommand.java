// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.app.Invocation;
import codexsync.app.Invocation.TerminateOverride;
import codexsync.app.Report;
import codexsync.config.ConfigOverrides;
import codexsync.core.HostEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the global options (merged with the umbrella's when run as a subcommand), the
 * output streams the CLI set up, and printing a report as text or JSON.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    /** The global options as given before or after the subcommand name; the subcommand's own wins. */
    protected Invocation invocation(ConfigOverrides folders) {
        GlobalOptions parent = parentGlobals();
        Path config = globals.config != null ? globals.config : parent == null ? null : parent.config;
        boolean verbose = globals.verbose || (parent != null && parent.verbose);
        boolean manual = globals.manualTerminateConfirmation || (parent != null && parent.manualTerminateConfirmation);
        boolean auto = globals.autoTerminateWithoutConfirmation
                || (parent != null && parent.autoTerminateWithoutConfirmation);
        if (manual && auto) {
            throw new ParameterException(spec.commandLine(), "--manual-terminate-confirmation and "
                    + "--auto-terminate-without-confirmation cannot be used together");
        }
        TerminateOverride override = manual ? TerminateOverride.MANUAL_CONFIRMATION
                : auto ? TerminateOverride.AUTO_WITHOUT_CONFIRMATION : TerminateOverride.NONE;
        return new Invocation(config, verbose, override, folders == null ? ConfigOverrides.NONE : folders);
    }

    protected Invocation invocation() {
        return invocation(ConfigOverrides.NONE);
    }

    protected HostEnvironment host() {
        return HostEnvironment.current();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the report (text or JSON) and returns its exit code. */
    protected int print(Report report, boolean json) {
        return ReportPrinter.print(report, json, out(), err());
    }

    private GlobalOptions parentGlobals() {
        CommandSpec parent = spec.parent();
        if (parent != null && parent.userObject() instanceof BaseCommand base) {
            return base.globals;
        }
        return null;
    }

    /** Verbose as far as the error handler can tell (it runs after parsing, before or after call()). */
    boolean verboseRequested() {
        GlobalOptions parent = parentGlobals();
        return globals.verbose || (parent != null && parent.verbose);
    }
}

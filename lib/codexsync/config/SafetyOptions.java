// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/** The {@code [safety]} table. */
public record SafetyOptions(boolean requireCodexStopped, boolean failOnUnknown) {
}

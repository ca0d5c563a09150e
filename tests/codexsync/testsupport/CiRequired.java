// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test CI is meant to run: its tool or environment (Xvfb for the GUI, shellcheck, systemd-analyze, a non-root
 * user for permissions, a pseudo-terminal) is installed by {@code .ci/run}. Such a test may still skip on a
 * developer's machine that lacks the tool, but under {@code CI=true} the test runner counts its skip as a failure,
 * so CI can never pass a check it did not make.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(CiRequired.TAG)
public @interface CiRequired {
    String TAG = "ci-required";
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.ContentWrite;

/** One side a {@link ContentWrite} wrote ({@code side} = local or cloud): bytes written and the new SHA-256. */
public record ContentOutcome(ContentWrite write, String side, long bytes, String sha256) {
}

// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.BaseState;
import java.io.IOException;

/** Saves this machine's base state atomically (the app wires {@code scan.BaseStateStore.save}). */
@FunctionalInterface
public interface BaseStateSaver {
    void save(BaseState state) throws IOException;
}

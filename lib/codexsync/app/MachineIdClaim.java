// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.BaseStateStore;
import codexsync.config.MachineIds;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this installation may write its machine id's state file ({@code machines/<machine_id>.json}). Host names
 * repeat (a default name, a cloned VM, a reinstalled laptop), and two machines with one id would take each other's
 * last agreement with the cloud for their own (0.1.1's worst bug), so the file records the installation that owns
 * it and a writing run of any other installation stops (exit 4) before it writes anything. Computed read-only: dry
 * runs, {@code plan}, {@code status} and {@code doctor} show the same verdict a writing run acts on.
 *
 * @param installationId this installation's id, or null when it has made no writing run yet
 * @param owner          the state file's owner record, or null when this machine id has no state file yet
 */
public record MachineIdClaim(Kind kind, String machineId, String installationId, BaseStateStore.Owner owner,
                             String configHint) {

    /** The option that lets a reinstalled machine claim its old id. */
    public static final String TAKE_OVER_OPTION = "--take-over-machine-id";

    public enum Kind {
        /** No state file for this machine id yet: the first writing run creates it, owned by this installation. */
        NEW,
        /** The state file names this installation. */
        OWNED,
        /** The state file predates installation ids: the first installation that writes it adopts it. */
        UNCLAIMED,
        /** The state file names another installation: writing runs stop (exit 4). */
        FOREIGN
    }

    /** Reads this installation's id and the state file's owner; writes nothing. */
    public static MachineIdClaim check(SyncConfig config, HostEnvironment host) {
        String hint = configHint(config, host);
        Path manifest = config.paths().manifestFile();
        String mine = InstallationId.read(host).orElse(null);
        Optional<BaseStateStore.Owner> owner = manifest == null ? Optional.empty()
                : new BaseStateStore().owner(manifest, config.machineId());
        if (owner.isEmpty()) {
            return new MachineIdClaim(Kind.NEW, config.machineId(), mine, null, hint);
        }
        BaseStateStore.Owner o = owner.get();
        Kind kind = o.installationId() == null ? Kind.UNCLAIMED
                : o.installationId().equals(mine) ? Kind.OWNED : Kind.FOREIGN;
        return new MachineIdClaim(kind, config.machineId(), mine, o, hint);
    }

    public boolean foreign() {
        return kind == Kind.FOREIGN;
    }

    /** The problem in one line (FOREIGN only). */
    public String problem() {
        return "machine id \"" + machineId + "\" is already used by another machine (" + lastSync() + ")";
    }

    /** "last sync WHEN, host NAME" of the state file's owner. */
    public String lastSync() {
        return "last sync " + (owner.finishedAt() == null ? "unknown" : owner.finishedAt().toString())
                + (owner.hostName() == null ? "" : ", host " + owner.hostName());
    }

    /** What to do about it (FOREIGN only). */
    public String fix() {
        return configHint + "; if this machine is that one, reinstalled, run `codexsync sync --apply "
                + TAKE_OVER_OPTION + "` instead";
    }

    /** Exit 4, naming the state file. */
    public InvalidInputException refusal() {
        return new InvalidInputException(problem(), owner.file().toString(), fix());
    }

    /** One line for status and notes: what the claim means for the next writing run. */
    public String describe() {
        return switch (kind) {
            case NEW -> "no state file yet for machine id \"" + machineId + "\"; the first sync --apply creates it"
                    + (installationId == null ? " and this installation's id" : "") + " and records it as the owner";
            case OWNED -> "machine id \"" + machineId + "\" belongs to this installation (" + installationId + ")";
            case UNCLAIMED -> "the state file of machine id \"" + machineId + "\" names no installation (written "
                    + "before installation ids); the next sync --apply on this machine adopts it";
            case FOREIGN -> problem();
        };
    }

    /**
     * "set identity.machine_id = ... in FILE" with a fresh proposal; without a config file, how to get one (there is
     * no command-line option for the machine id).
     */
    private static String configHint(SyncConfig config, HostEnvironment host) {
        String set = "set identity.machine_id = \"" + MachineIds.proposal(host.hostName()) + "\"";
        if (config.source() != null) {
            return set + " in " + config.source();
        }
        return "create a config with `codexsync init-config` (it proposes a machine id that does not repeat), or "
                + set + " in one, and pass it with -c FILE";
    }
}

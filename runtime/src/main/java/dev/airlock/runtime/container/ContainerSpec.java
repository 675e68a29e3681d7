package dev.airlock.runtime.container;

import dev.airlock.runtime.catalog.ServerPolicy.Resources;
import java.util.List;
import java.util.Map;

/**
 * Everything about how one server's container runs. Every spec is hardened the same way: all
 * capabilities dropped, no privilege escalation, read-only root file system with a small private
 * {@code /tmp}, a non-root user, memory, CPU and process limits, and no network.
 *
 * @param command the arguments for the image's entrypoint; empty keeps the image's own
 * @param user the user to run as; null runs as the image's user unless that is root, then as 65534
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        Map<String, String> environment,
        String user,
        Resources resources,
        Map<String, String> labels) {

    /** The user for images that name none, or name root: "nobody". */
    public static final String FALLBACK_USER = "65534:65534";

    /** A small writable /tmp; nothing in it may be executed. */
    public static final String TMPFS_OPTIONS = "rw,noexec,nosuid,nodev,size=64m";

    public static final String NETWORK_NONE = "none";

    public ContainerSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
    }

    /** Never the environment's values: they may be secrets from the keychain. */
    @Override
    public String toString() {
        return "ContainerSpec[name=%s, image=%s, command=%s, environment=%s (values hidden), user=%s, resources=%s]"
                .formatted(name, image, command, environment.keySet(), user, resources);
    }

    public long memoryBytes() {
        return resources.memoryMb() * 1024L * 1024L;
    }

    public long nanoCpus() {
        return Math.round(resources.cpus() * 1_000_000_000L);
    }

    /** The user to run as, given the user the image names (null or blank when none). */
    public String effectiveUser(String imageUser) {
        if (user != null) {
            return user;
        }
        return isRoot(imageUser) ? FALLBACK_USER : imageUser;
    }

    static boolean isRoot(String user) {
        if (user == null || user.isBlank()) {
            return true;
        }
        String name = user.split(":", 2)[0].trim();
        return name.equals("root") || name.equals("0");
    }
}

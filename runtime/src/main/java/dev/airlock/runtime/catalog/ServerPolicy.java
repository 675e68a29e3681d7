package dev.airlock.runtime.catalog;

import java.util.List;
import java.util.Map;

/**
 * The company's policy for one server, from {@code _meta["dev.airlock/policy"]}. Absent parts take
 * the safe defaults: no file access, no network, default limits, all tools, no pins, and — for a
 * remote server — the user's own access token.
 */
public record ServerPolicy(
        List<String> roles,
        Permissions permissions,
        Resources resources,
        Tools tools,
        Inspection inspection,
        Image image,
        Identity identity) {

    public static final ServerPolicy DEFAULT = new ServerPolicy(
            List.of(),
            Permissions.NONE,
            Resources.DEFAULT,
            Tools.ALL,
            Inspection.DEFAULT,
            Image.DEFAULT,
            Identity.ACCESS_TOKEN);

    public ServerPolicy {
        roles = List.copyOf(roles);
    }

    /** ToolHive's permission profile: host paths to mount, and outbound network. */
    public record Permissions(List<String> read, List<String> write, Network network) {
        public static final Permissions NONE = new Permissions(List.of(), List.of(), Network.NONE);

        public Permissions {
            read = List.copyOf(read);
            write = List.copyOf(write);
        }
    }

    public record Network(boolean insecureAllowAll, List<String> allowHost, List<Integer> allowPort) {
        public static final Network NONE = new Network(false, List.of(), List.of());

        public Network {
            allowHost = List.copyOf(allowHost);
            allowPort = List.copyOf(allowPort);
        }

        /** Whether the server asks to reach anything outside its container. */
        public boolean wantsEgress() {
            return insecureAllowAll || !allowHost.isEmpty();
        }
    }

    /** Container limits. */
    public record Resources(int memoryMb, double cpus, int pids) {
        public static final int DEFAULT_MEMORY_MB = 512;
        public static final double DEFAULT_CPUS = 1.0;
        public static final int DEFAULT_PIDS = 256;
        public static final Resources DEFAULT = new Resources(DEFAULT_MEMORY_MB, DEFAULT_CPUS, DEFAULT_PIDS);
    }

    /**
     * Tool-level policy: an empty allow list allows every tool; {@code poisoning} says whether a tool
     * whose definition looks poisoned is only warned about or also hidden.
     */
    public record Tools(List<String> allow, Map<String, String> pins, Poisoning poisoning) {
        public static final Tools ALL = new Tools(List.of(), Map.of(), Poisoning.WARN);

        public Tools {
            allow = List.copyOf(allow);
            pins = Map.copyOf(pins);
            java.util.Objects.requireNonNull(poisoning, "poisoning");
        }

        public Tools(List<String> allow, Map<String, String> pins) {
            this(allow, pins, Poisoning.WARN);
        }
    }

    /** What a tool whose description looks poisoned gets: a warning on the server's card, or also hidden. */
    public enum Poisoning {
        WARN,
        BLOCK
    }

    /** What inspection does with findings: {@code redact}, {@code warn}, {@code block} or {@code off}; null for the default. */
    public record Inspection(String secrets, String pii) {
        public static final Inspection DEFAULT = new Inspection(null, null);
    }

    public record Image(boolean digestRequired) {
        public static final Image DEFAULT = new Image(false);
    }

    /**
     * Whose credential a remote server gets, as {@code Authorization: Bearer}. Always the signed-in
     * user's own identity or nothing: never the AI app's gateway token, never a shared credential.
     */
    public sealed interface Identity {
        Identity ACCESS_TOKEN = new AccessToken();
        Identity NONE = new None();

        /** The user's SSO access token as it is: for servers the company runs itself. */
        record AccessToken() implements Identity {}

        /**
         * A token for this server alone, from an RFC 8693 token exchange at the company's sign-in
         * service: the SSO token itself never leaves for a third party.
         *
         * @param audience the server as the sign-in service knows it, such as {@code https://weather.example.com}
         * @param scope space-separated scopes to ask for; null for the service's default
         */
        record Exchange(String audience, String scope) implements Identity {}

        /** A public server: no Authorization header at all. */
        record None() implements Identity {}
    }
}

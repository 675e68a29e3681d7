package dev.airlock.runtime.control;

import java.util.List;

/**
 * What a server may do beyond its own container, from the company's policy: the UI describes it in
 * plain words ("No internet access", "Can connect to api.github.com"). A remote server runs on
 * another computer, which is all there is to say ("Runs on mcp.example.com, not on your computer").
 *
 * @param anyHost whether it may reach any internet address
 * @param hosts the hosts it may reach (empty and not {@code anyHost}: no network at all)
 * @param ports the ports it may use on those hosts; empty for any
 * @param read folders on the user's computer it may read
 * @param write folders on the user's computer it may change
 * @param remoteHost where the server runs when it is a remote one (it then has no container, and
 *     the other fields do not apply); null for a server in a container on this computer
 */
public record PermissionsView(
        boolean anyHost,
        List<String> hosts,
        List<Integer> ports,
        List<String> read,
        List<String> write,
        String remoteHost) {

    public static final PermissionsView NONE =
            new PermissionsView(false, List.of(), List.of(), List.of(), List.of(), null);

    /** A remote server's: it runs elsewhere, and sees nothing of this computer. */
    public static PermissionsView remote(String host) {
        return new PermissionsView(false, List.of(), List.of(), List.of(), List.of(), host);
    }

    public PermissionsView {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        read = List.copyOf(read);
        write = List.copyOf(write);
    }
}

package dev.airlock.runtime.container;

import dev.airlock.runtime.AirlockVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels on every container Airlock makes. Never put a secret in a label: anyone with engine access reads them. */
public final class Labels {

    public static final String AIRLOCK = "dev.airlock";
    public static final String SERVER = "dev.airlock.server";
    public static final String SERVER_NAME = "dev.airlock.server.name";
    public static final String INSTANCE = "dev.airlock.instance";
    public static final String OWNER = "dev.airlock.owner";
    public static final String STATE_DIR = "dev.airlock.state-dir";
    public static final String VERSION = "dev.airlock.version";

    private Labels() {}

    public static Map<String, String> forServer(String shortName, String fullName, InstanceIdentity identity) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(AIRLOCK, "true");
        labels.put(SERVER, shortName);
        labels.put(SERVER_NAME, fullName);
        labels.put(INSTANCE, identity.instanceId());
        labels.put(OWNER, identity.owner());
        labels.put(STATE_DIR, identity.stateDir().toString());
        labels.put(VERSION, AirlockVersion.current());
        return labels;
    }
}

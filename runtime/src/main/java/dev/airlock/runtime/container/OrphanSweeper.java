package dev.airlock.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.airlock.runtime.state.InstanceLock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers that dead Airlock instances left behind: those of this state directory made
 * by an earlier instance (this one holds the directory's lock, so that instance is gone), and those of
 * other state directories whose lock no live process holds.
 */
public final class OrphanSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final DockerClient client;
    private final InstanceIdentity identity;

    public OrphanSweeper(ContainerEngine engine, InstanceIdentity identity) {
        this.client = engine.client();
        this.identity = identity;
    }

    /** Returns the ids of the containers removed. */
    public List<String> sweep() {
        List<Container> ours = client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.AIRLOCK, "true"))
                .exec();
        return ours.stream().filter(this::orphaned).map(this::remove).toList();
    }

    private boolean orphaned(Container container) {
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        if (identity.instanceId().equals(labels.get(Labels.INSTANCE))) {
            return false;
        }
        if (identity.owner().equals(labels.get(Labels.OWNER))) {
            return true;
        }
        String stateDir = labels.get(Labels.STATE_DIR);
        return stateDir != null && !InstanceLock.isHeld(Path.of(stateDir));
    }

    private String remove(Container container) {
        try {
            client.removeContainerCmd(container.getId())
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
            LOG.info(
                    "Removed container {} left by an instance that is no longer running",
                    container.getId().substring(0, 12));
        } catch (NotFoundException e) {
            LOG.debug("Container {} was already gone", container.getId());
        }
        return container.getId();
    }
}

package dev.airlock.runtime.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.EverythingOnHost;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gateway's contract with AI apps, checked with three real MCP clients against every kind of
 * server it fronts: each {@link Target} × each {@link ContractClient} × each {@link Scenario}, every
 * one a real round trip through the gateway to server-everything: in its container, or on this
 * machine in its Streamable HTTP mode as a remote server. What a client
 * saw is judged in one place ({@link Scenario#check}), the same for every client.
 *
 * <p>One engine and one container serve the whole class. Each client runs all its scenarios against
 * a target once (in one session, where it keeps sessions), the first time a test of that pair runs;
 * each test then judges its scenario's part. A scenario a client cannot do at all is skipped with
 * the reason, never passed.
 */
class ContractIT {

    static final List<Target> TARGETS = List.of(Target.stdio(), Target.remote(), Target.aggregate());

    /** The remote server needs no one signed in: it is public. */
    private static final ServerPolicy PUBLIC = TestCatalogs.withIdentity(ServerPolicy.Identity.NONE);

    private static EverythingOnHost remote;
    private static AirlockEngine engine;
    private static List<ContractClient> clients;
    private static final Map<String, Map<Scenario, Outcome>> RUNS = new HashMap<>();
    private static final Map<String, Exception> FAILED_RUNS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureBuilt();
        NodeClients node = NodeClients.install();
        remote = EverythingOnHost.start(EverythingOnHost.Mode.STREAMABLE_HTTP);
        clients = List.of(new JavaSdkClient(), new TsSdkClient(node), new InspectorCliClient(node));
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(
                        TestCatalogs.everything(), remote.entry(Target.remote().server(), PUBLIC))),
                StateDirectory.at(Files.createTempDirectory("airlock-contract-it"))
                        .create(),
                0,
                System.getenv()));
        for (Target target : TARGETS) {
            assertThat(engine.enable(target.server()).state()).isEqualTo("running");
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> contract() {
        return TARGETS.stream()
                .map(target -> DynamicContainer.dynamicContainer(
                        target.name(),
                        clients.stream()
                                .map(client -> DynamicContainer.dynamicContainer(
                                        client.name(),
                                        Arrays.stream(Scenario.values())
                                                .map(scenario -> DynamicTest.dynamicTest(
                                                        scenario.id(), () -> check(target, client, scenario)))))));
    }

    private static void check(Target target, ContractClient client, Scenario scenario) throws Exception {
        String test = target.name() + " / " + client.name() + " / " + scenario.id();
        Assumptions.assumeTrue(
                client.cannot(scenario).isEmpty(),
                () -> test + " skipped: " + client.cannot(scenario).orElseThrow());
        try {
            scenario.check(target, outcomes(target, client).get(scenario));
            if (scenario == Scenario.CANCEL) {
                cancelReachedTheGateway(target, client);
            }
        } catch (AssertionError e) {
            // the report names dynamic tests by number; the message says which one failed
            throw new AssertionError(test + ": " + e.getMessage(), e);
        }
    }

    /** The gateway recorded the cancelled call as cancelled, for the reason this client's cancel gives. */
    private static void cancelReachedTheGateway(Target target, ContractClient client) {
        String token = tokenName(target, client);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(engine.activity(1_000, target.server()).stream()
                                .filter(call -> token.equals(call.client()))
                                .filter(call -> "cancelled".equals(call.outcome())))
                        .extracting(ActivityView::method, ActivityView::target, ActivityView::response)
                        .containsExactly(tuple(
                                "tools/call",
                                "trigger-long-running-operation",
                                "{\"code\":-32603,\"message\":\"" + client.cancelRecordedAs() + "\"}")));
    }

    /** The client's run of every scenario it can do against the target, made once. */
    private static synchronized Map<Scenario, Outcome> outcomes(Target target, ContractClient client) throws Exception {
        String key = tokenName(target, client);
        if (FAILED_RUNS.containsKey(key)) {
            throw new IllegalStateException(key + " could not run; see the first of its tests", FAILED_RUNS.get(key));
        }
        if (!RUNS.containsKey(key)) {
            String token = engine.issueClientToken(key).bearerToken();
            List<Scenario> scenarios = Arrays.stream(Scenario.values())
                    .filter(scenario -> client.cannot(scenario).isEmpty())
                    .toList();
            try {
                RUNS.put(key, client.run(target, engine.gateway().baseUrl() + target.path(), token, scenarios));
            } catch (Exception e) {
                FAILED_RUNS.put(key, e); // once: the other scenarios of the pair fail at once, not by running it again
                throw e;
            }
        }
        return RUNS.get(key);
    }

    /** One gateway token per client and target, so the activity record says whose call it was. */
    private static String tokenName(Target target, ContractClient client) {
        return "contract-" + target.name() + "-" + client.name();
    }
}

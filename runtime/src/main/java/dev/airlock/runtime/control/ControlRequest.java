package dev.airlock.runtime.control;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request on the control socket: a JSON object with a {@code command} and, where the command
 * needs one, a {@code server} or {@code client} name or a {@code company} address ({@code activity}
 * also takes a {@code limit} and an {@code after}). Fields a command
 * does not use are ignored, so a newer command line can talk to an older engine for the commands
 * both know.
 */
sealed interface ControlRequest {

    String command();

    record Ping() implements ControlRequest {
        @Override
        public String command() {
            return "ping";
        }
    }

    record Status() implements ControlRequest {
        @Override
        public String command() {
            return "status";
        }
    }

    record Servers() implements ControlRequest {
        @Override
        public String command() {
            return "servers";
        }
    }

    record Enable(String server) implements ControlRequest {
        @Override
        public String command() {
            return "enable";
        }
    }

    record Disable(String server) implements ControlRequest {
        @Override
        public String command() {
            return "disable";
        }
    }

    record IssueClientToken(String client) implements ControlRequest {
        @Override
        public String command() {
            return "client-token";
        }
    }

    /** @param company the company address typed on first run, or null for the company already set up */
    record SignIn(String company) implements ControlRequest {
        @Override
        public String command() {
            return "signin";
        }
    }

    record SignOut() implements ControlRequest {
        @Override
        public String command() {
            return "signout";
        }
    }

    /** Brings the instance's window to the front: a second desktop app asks this, then exits. */
    record Focus() implements ControlRequest {
        @Override
        public String command() {
            return "focus";
        }
    }

    /** @param name the environment variable the server reads the secret from */
    record SetSecret(String server, String name, String value) implements ControlRequest {
        @Override
        public String command() {
            return "secret-set";
        }

        /** Never the value, should a request ever be logged. */
        @Override
        public String toString() {
            return "SetSecret[server=" + server + ", name=" + name + ", value=(hidden)]";
        }
    }

    record RemoveSecret(String server, String name) implements ControlRequest {
        @Override
        public String command() {
            return "secret-remove";
        }
    }

    /** @param tool the tool's name as the server gives it */
    record ApproveTool(String server, String tool) implements ControlRequest {
        @Override
        public String command() {
            return "approve-tool";
        }
    }

    /**
     * The most recent calls through the gateway, newest first.
     *
     * @param server only this server's calls; null for all
     * @param after only the calls recorded after the one with this id; null for all
     */
    record Activity(int limit, String server, Long after) implements ControlRequest {

        /** How many calls an activity request without a {@code limit} asks for. */
        static final int DEFAULT_LIMIT = 50;

        @Override
        public String command() {
            return "activity";
        }
    }

    default ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("command", command());
        return switch (this) {
            case Enable(String server) -> json.put("server", server);
            case Disable(String server) -> json.put("server", server);
            case IssueClientToken(String client) -> json.put("client", client);
            case SignIn(String company) -> company == null ? json : json.put("company", company);
            case Activity(int limit, String server, Long after) -> {
                json.put("limit", limit);
                if (server != null) {
                    json.put("server", server);
                }
                yield after == null ? json : json.put("after", after.longValue());
            }
            case SetSecret(String server, String name, String value) ->
                json.put("server", server).put("name", name).put("value", value);
            case RemoveSecret(String server, String name) ->
                json.put("server", server).put("name", name);
            case ApproveTool(String server, String tool) ->
                json.put("server", server).put("tool", tool);
            case Ping(), Status(), Servers(), SignOut(), Focus() -> json;
        };
    }

    /** Reads a request; anything that is not a well-formed request is a {@code bad_request}. */
    static ControlRequest fromJson(JsonNode json) throws ControlException {
        if (!json.isObject()) {
            throw badRequest("A request must be one JSON object on one line.");
        }
        JsonNode command = json.get("command");
        if (command == null || !command.isString()) {
            throw badRequest("The request has no \"command\".");
        }
        return switch (command.stringValue()) {
            case "ping" -> new Ping();
            case "status" -> new Status();
            case "servers" -> new Servers();
            case "enable" -> new Enable(requiredName(json, "server", "enable"));
            case "disable" -> new Disable(requiredName(json, "server", "disable"));
            case "client-token" -> new IssueClientToken(requiredName(json, "client", "client-token"));
            case "signin" -> new SignIn(optionalCompany(json));
            case "signout" -> new SignOut();
            case "focus" -> new Focus();
            case "secret-set" ->
                new SetSecret(
                        requiredName(json, "server", "secret-set"),
                        requiredVariable(json, "secret-set"),
                        requiredValue(json, "secret-set"));
            case "secret-remove" ->
                new RemoveSecret(
                        requiredName(json, "server", "secret-remove"), requiredVariable(json, "secret-remove"));
            case "activity" -> new Activity(activityLimit(json), optionalServer(json), optionalAfter(json));
            case "approve-tool" ->
                new ApproveTool(
                        requiredName(json, "server", "approve-tool"), requiredName(json, "tool", "approve-tool"));
            default -> throw badRequest("Unknown command \"" + abbreviate(command.stringValue()) + "\".");
        };
    }

    private static String requiredName(JsonNode json, String field, String command) throws ControlException {
        JsonNode value = json.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw badRequest("The " + command + " command needs a \"" + field + "\" name.");
        }
        return value.stringValue();
    }

    private static String requiredVariable(JsonNode json, String command) throws ControlException {
        JsonNode value = json.get("name");
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw badRequest("The " + command + " command needs the secret's \"name\", such as GITHUB_TOKEN.");
        }
        return value.stringValue();
    }

    /** A string, perhaps empty (the engine says why that is refused); never quoted back. */
    private static String requiredValue(JsonNode json, String command) throws ControlException {
        JsonNode value = json.get("value");
        if (value == null || !value.isString()) {
            throw badRequest("The " + command + " command needs the secret's \"value\" as a string.");
        }
        return value.stringValue();
    }

    /** Absent or null means the company already set up; anything else must be an address. */
    private static String optionalCompany(JsonNode json) throws ControlException {
        JsonNode value = json.get("company");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw badRequest("The signin command's \"company\" must be a company address, or left out.");
        }
        return value.stringValue();
    }

    /** Absent or null asks for the default; the engine decides which numbers it accepts. */
    private static int activityLimit(JsonNode json) throws ControlException {
        JsonNode value = json.get("limit");
        if (value == null || value.isNull()) {
            return Activity.DEFAULT_LIMIT;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw badRequest("The activity command's \"limit\" must be a whole number, such as 50.");
        }
        return value.intValue();
    }

    private static String optionalServer(JsonNode json) throws ControlException {
        JsonNode value = json.get("server");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw badRequest("The activity command's \"server\" must be a server name, or left out.");
        }
        return value.stringValue();
    }

    private static Long optionalAfter(JsonNode json) throws ControlException {
        JsonNode value = json.get("after");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw badRequest("The activity command's \"after\" must be the id of a call, or left out.");
        }
        return value.longValue();
    }

    private static ControlException badRequest(String message) {
        return new ControlException(ControlProtocol.BAD_REQUEST, message);
    }

    /** Keeps error messages short when a peer sends something huge. */
    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

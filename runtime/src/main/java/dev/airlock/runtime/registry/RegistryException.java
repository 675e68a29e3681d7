package dev.airlock.runtime.registry;

/**
 * The company's registry could not give Airlock a catalog. The message is a sentence for people,
 * with the next step; the cause and the log carry the technical detail.
 */
public final class RegistryException extends Exception {

    /** What went wrong, which decides whether the last catalog may still be shown. */
    public enum Kind {
        /** No answer, a timeout or a server error (5xx, 429), after retrying: try again later. */
        UNREACHABLE,
        /** The registry answered with something Airlock cannot use: wrong address, too large, not a catalog. */
        BAD_RESPONSE,
        /** The user must sign in (again): no session, or the registry refused a fresh token. */
        SIGN_IN,
        /** The registry knows the user and refuses them the catalog (HTTP 403). */
        FORBIDDEN
    }

    private final Kind kind;
    private final String detail;

    RegistryException(Kind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.detail = detail;
    }

    /** The registry is away; {@link RegistryClient} has already retried. */
    static RegistryException unreachable(RegistryAddress where, String detail, Throwable cause) {
        return new RegistryException(
                Kind.UNREACHABLE,
                "Airlock cannot reach your company's server catalog at " + where + " (" + detail
                        + "). It will try again.",
                detail,
                cause);
    }

    /** The registry answered with something Airlock cannot use; {@code problem} continues "Your company's server catalog at …". */
    static RegistryException badResponse(RegistryAddress where, String problem, Throwable cause) {
        return new RegistryException(
                Kind.BAD_RESPONSE,
                subject(where) + " " + problem + ". Ask your IT team to check the registry.",
                problem,
                cause);
    }

    static RegistryException signInAgain(RegistryAddress where) {
        return new RegistryException(
                Kind.SIGN_IN,
                subject(where) + " did not accept your sign-in. Sign in to Airlock again.",
                "HTTP 401",
                null);
    }

    static RegistryException forbidden(RegistryAddress where) {
        return new RegistryException(
                Kind.FORBIDDEN,
                subject(where) + " does not let your account see it (HTTP 403). Ask your IT team for access.",
                "HTTP 403",
                null);
    }

    static RegistryException notFound(RegistryAddress where) {
        return new RegistryException(
                Kind.BAD_RESPONSE,
                "Airlock found no server catalog at " + where
                        + " (HTTP 404). Check the registry address in Airlock's settings, or ask your IT team.",
                "HTTP 404",
                null);
    }

    static RegistryException redirected(RegistryAddress where, int status) {
        return new RegistryException(
                Kind.BAD_RESPONSE,
                subject(where) + " sends Airlock to another address (HTTP " + status
                        + "). Ask your IT team for the registry's current address.",
                "HTTP " + status,
                null);
    }

    static RegistryException failed(RegistryAddress where, int status) {
        return new RegistryException(
                Kind.BAD_RESPONSE,
                subject(where) + " answered with an error (HTTP " + status
                        + "). Ask your IT team to check the registry.",
                "HTTP " + status,
                null);
    }

    /** How sentences about the registry start. */
    static String subject(RegistryAddress where) {
        return "Your company's server catalog at " + where;
    }

    public Kind kind() {
        return kind;
    }

    /** A short technical hint such as {@code HTTP 503} or {@code connection refused}, for a details line. */
    public String detail() {
        return detail;
    }

    /**
     * Whether the last good catalog may stand in: the registry is away or broken. Not when it said
     * this user may not have one, nor when the user has to sign in again.
     */
    public boolean lastCatalogStillValid() {
        return kind == Kind.UNREACHABLE || kind == Kind.BAD_RESPONSE;
    }
}

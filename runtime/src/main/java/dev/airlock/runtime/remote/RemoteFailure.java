package dev.airlock.runtime.remote;

/**
 * Why a remote server cannot be used (any more).
 *
 * @param brief a short clause for the JSON-RPC error a waiting call gets ("the connection to
 *     weather.example.com was lost")
 * @param forPeople whole sentences with a next step, for the server's state in the app and the CLI
 */
public record RemoteFailure(String brief, String forPeople) {}

package dev.airlock.runtime.control;

/**
 * Something the user must know while sign-in waits for them, such as "Your browser did not open:
 * go to this address". Sent on the control socket before the final answer.
 *
 * @param address the sign-in page, when the user has to open it themselves; else null
 */
public record SignInNotice(String message, String address) {}

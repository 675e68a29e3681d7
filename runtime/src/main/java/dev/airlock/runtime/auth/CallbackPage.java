package dev.airlock.runtime.auth;

import java.nio.charset.StandardCharsets;

/** What the browser tab shows when the provider sends the user back to Airlock. */
record CallbackPage(boolean success, String heading, String message) {

    static CallbackPage signedIn() {
        return new CallbackPage(true, "You are signed in to Airlock", "You can close this tab.");
    }

    static CallbackPage failed(String message) {
        return new CallbackPage(
                false, "Sign-in did not complete", message + " You can close this tab and return to Airlock.");
    }

    static CallbackPage alreadyUsed() {
        return new CallbackPage(
                false, "This sign-in is already finished", "Return to Airlock; you can close this tab.");
    }

    byte[] html() {
        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Airlock</title>
                <style>body{font-family:system-ui,sans-serif;margin:4em auto;max-width:34em;line-height:1.5;color:#222}</style>
                </head><body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(escape(heading), escape(message));
        return page.getBytes(StandardCharsets.UTF_8);
    }

    // messages may quote the provider's error code, which an attacker can choose
    private static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

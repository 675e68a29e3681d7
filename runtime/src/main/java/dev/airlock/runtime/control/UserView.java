package dev.airlock.runtime.control;

import java.util.List;

/** Who is signed in, as the CLI and the UI show it. */
public record UserView(String name, String email, List<String> roles) {

    public UserView {
        roles = List.copyOf(roles);
    }
}

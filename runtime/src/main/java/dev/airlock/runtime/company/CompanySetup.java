package dev.airlock.runtime.company;

import dev.airlock.runtime.auth.OidcSettings;
import java.net.URI;

/**
 * Where the user's company is: its registry and its sign-in, from managed settings, the first-run
 * company address, or the demo organization.
 *
 * @param name what to call the company in messages, such as "Example Corp" or the registry's host
 */
public record CompanySetup(String name, URI registryUrl, OidcSettings oidc) {}

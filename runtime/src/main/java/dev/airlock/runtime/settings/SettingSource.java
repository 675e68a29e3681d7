package dev.airlock.runtime.settings;

/** Where a setting's value came from, strongest first. */
public enum SettingSource {
    /** Set by the company (Windows policy, macOS profile, Linux policy file): locked. */
    MANAGED,
    /** Set by the user on this computer. */
    USER,
    /** Neither: Airlock's default (which may be no value at all). */
    DEFAULT
}

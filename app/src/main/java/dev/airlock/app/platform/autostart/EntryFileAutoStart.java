package dev.airlock.app.platform.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Start at login by one file the desktop reads at login: on when the file is there. */
abstract sealed class EntryFileAutoStart implements AutoStart permits XdgAutoStart, LaunchAgentAutoStart {

    final Path file;
    final LaunchCommand launcher;

    EntryFileAutoStart(Path file, LaunchCommand launcher) {
        this.file = file;
        this.launcher = launcher;
    }

    /** What the file holds to start this launcher. */
    abstract String content();

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public boolean isEnabled() throws AutoStartException {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws AutoStartException {
        try {
            EntryFiles.write(file, content());
        } catch (IOException e) {
            throw new AutoStartException(
                    "Airlock could not set itself to start at login: " + file + " cannot be written.", e);
        }
    }

    @Override
    public void disable() throws AutoStartException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new AutoStartException("Airlock could not remove " + file + ".", e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }
}

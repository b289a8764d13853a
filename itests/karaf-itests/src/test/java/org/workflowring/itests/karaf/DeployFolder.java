package org.workflowring.itests.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Karaf's {@code deploy/} folder as an operator uses it: files appear there whole and disappear.
 *
 * <p><b>IMPORTANT</b>: runs inside the container (it reads {@code karaf.base}). A file is written next to the folder
 * and then moved in, so that Felix FileInstall, which polls the folder every second, never reads half a file.
 */
final class DeployFolder {

    private DeployFolder() {
    }

    /** The container's {@code deploy/} folder. */
    static Path path() {
        return Paths.get(System.getProperty("karaf.base"), "deploy");
    }

    /** Writes {@code content} as {@code deploy/name}. */
    static Path deploy(String name, String content) {
        return deploy(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} as {@code deploy/name}. */
    static Path deploy(String name, byte[] content) {
        try {
            Path staged = Files.createTempFile(Paths.get(System.getProperty("karaf.base")), "staged-", ".tmp");
            Files.write(staged, content);
            return Files.move(staged, path().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + name, e);
        }
    }

    /** Copies {@code source} into the folder under its own name. */
    static Path copy(Path source) {
        try {
            return deploy(source.getFileName().toString(), Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** Removes a deployed file: FileInstall uninstalls what it installed from it. */
    static void remove(Path deployed) {
        try {
            Files.delete(deployed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + deployed, e);
        }
    }
}

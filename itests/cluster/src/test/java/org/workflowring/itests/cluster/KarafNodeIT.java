package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class KarafNodeIT {

    @Test
    void aNodeOfTheAssemblyBootsOnItsOwnPortsAnswersTheShellPausesResumesAndDiesOnKill9() throws Exception {
        Path home = Path.of("target/cluster-it/node-" + System.nanoTime());
        try (KarafNode node = new KarafNode("it1", Assembly.distribution(), home)) {
            node.start();
            assertThat(node.shell("system:name")).contains("it1");
            assertThat(Files.readString(home.resolve("etc/org.apache.karaf.shell.cfg")))
                    .contains("sshPort = " + node.port("ssh"));

            long pid = node.karafPid();
            node.pause();
            Waits.until("the Karaf JVM stopped", Duration.ofSeconds(10), () -> state(pid) == 'T');
            node.resume();
            Waits.until("the Karaf JVM running again", Duration.ofSeconds(10), () -> state(pid) != 'T');
            assertThat(node.shell("system:name")).contains("it1");

            node.kill9();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(node.isRunning()).isFalse();
        }
    }

    /** The process state letter from /proc (R, S, T for stopped...). */
    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (Exception e) {
            return '?';
        }
    }
}

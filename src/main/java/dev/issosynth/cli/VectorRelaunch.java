package dev.issosynth.cli;

import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Plain {@code java -jar target/issosynth.jar} starts a JVM without the incubator module {@code jdk.incubator.vector},
 * so the GEMM kernels fall back to scalar code: several times slower, and rounding differently from the vector
 * kernel {@code run.sh} gets (other bytes for the same seed). When the JDK has the module, such a JVM starts a
 * second JVM with it, with the same JVM options, class path and arguments, passes its exit code on, and stops it
 * when it is stopped itself; the second JVM ends when the first one dies (even by kill -9). Only for the commands
 * that compute; {@code ISSOSYNTH_VECTOR=0} opts out as it does for {@code run.sh}.
 */
final class VectorRelaunch {
    static final String MODULE = "jdk.incubator.vector";
    /** Set on the second JVM: the first one's pid, so it never relaunches again and ends with its parent. */
    static final String PARENT = "issosynth.parent";
    static final Set<String> COMPUTING = Set.of("run", "select", "generate", "evaluate", "report");
    /** How long a stopped first JVM gives the second one to finish its own clean-up. */
    private static final long STOP_WAIT_SECONDS = 30;

    private VectorRelaunch() {
    }

    /** True when this JVM has the module already (then nothing else needs reading). */
    static boolean loaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** What decides a relaunch, read from this JVM (see {@link #command}). */
    record Jvm(boolean hasModule, boolean jdkHasModule, boolean relaunched, String optOut, String java,
               List<String> jvmArgs, String classPath, long pid) {
        static Jvm current() {
            return new Jvm(loaded(),
                    ModuleFinder.ofSystem().find(MODULE).isPresent(), System.getProperty(PARENT) != null,
                    System.getenv("ISSOSYNTH_VECTOR"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                    ProcessHandle.current().pid());
        }
    }

    /** The second JVM's command line, or empty when this JVM should do the work itself. */
    static Optional<List<String>> command(Jvm jvm, String[] args) {
        if (jvm.hasModule() || !jvm.jdkHasModule() || jvm.relaunched() || "0".equals(jvm.optOut())
                || args.length == 0 || !COMPUTING.contains(args[0]) || jvm.classPath() == null
                || jvm.classPath().isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm.java());
        for (String a : jvm.jvmArgs()) {
            if (a.startsWith("-agentlib:") || a.startsWith("-javaagent:") || a.startsWith("-Xrunjdwp")
                    || a.equals("-Xdebug")) {
                return Optional.empty(); // a debugger or agent belongs to the JVM it was started with
            }
            cmd.add(a);
        }
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.add("-D" + PARENT + "=" + jvm.pid());
        cmd.add("-cp");
        cmd.add(jvm.classPath());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /** Runs the second JVM on this one's stdin, stdout and stderr; returns its exit code. */
    static int run(List<String> cmd) {
        Process child;
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
        } catch (java.io.IOException e) {
            return -1; // could not start: the caller runs the job in this JVM
        }
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy(); // SIGTERM: the second JVM's own shutdown hooks clean up
                try {
                    child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "issosynth-stop-relaunched");
        Runtime.getRuntime().addShutdownHook(stop);
        while (true) {
            try {
                int code = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
                return code;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                return child.exitValue(); // shutting down already
            }
        }
    }

    /** In the second JVM: ends it (with its shutdown hooks) when the first JVM is gone, e.g. killed with -9. */
    static void followParent() {
        String parent = System.getProperty(PARENT);
        if (parent == null) {
            return;
        }
        Optional<ProcessHandle> p;
        try {
            p = ProcessHandle.of(Long.parseLong(parent));
        } catch (NumberFormatException e) {
            return;
        }
        if (p.isEmpty()) {
            System.exit(ExitCodes.FAILURE);
        }
        p.get().onExit().thenRun(() -> System.exit(ExitCodes.FAILURE));
    }
}

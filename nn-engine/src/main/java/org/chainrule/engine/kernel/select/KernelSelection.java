package org.chainrule.engine.kernel.select;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.chainrule.api.ConfigException;
import org.chainrule.engine.kernel.HelperThreads;
import org.chainrule.engine.kernel.Kernels;
import org.chainrule.engine.kernel.ScalarKernels;
import org.chainrule.engine.kernel.simd.Geometry;
import org.chainrule.engine.kernel.simd.VectorKernelsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernels once at start-up and logs one line saying which and why. The Vector API
 * kernels are used when the incubator module {@code jdk.incubator.vector} is in the boot layer and
 * readable by the engine (it is never resolved by default: run with
 * {@code --add-modules jdk.incubator.vector}), at the JVM's preferred vector width, with tiles
 * shaped for the CPU's vector registers ({@code simd.Geometry}). The system property {@code
 * chainrule.kernels} (set by {@code nn --kernels}) asks for a kind: {@code auto} (the default),
 * {@code scalar}, or {@code vector512}, {@code vector256}, {@code vector128} for one width; any
 * width runs on any CPU, one the CPU lacks correctly but slowly.
 */
public final class KernelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The values {@code chainrule.kernels} takes. */
    public static final List<String> KINDS = List.of("auto", "scalar", "vector512", "vector256", "vector128");

    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private KernelSelection() {}

    /** @return the kernels to use in this JVM, chosen (and logged) on the first call */
    public static Kernels select() {
        return Chosen.KERNELS;
    }

    /** Holder idiom: the choice is made once, when first asked for. */
    private static final class Chosen {
        static final Kernels KERNELS = choose(kind(), threads());
    }

    /**
     * New kernels of a kind with their own helper threads, for one engine instance: nothing is
     * read from system properties or shared with other instances.
     *
     * @param kind one of {@link #KINDS}
     * @param threads threads a large product may use (≥ 1)
     * @throws ConfigException if the kind is unknown or the thread count below 1
     */
    public static Kernels create(String kind, int threads) {
        return create(kind, threads, new HelperThreads());
    }

    /**
     * As {@link #create(String, int)}, the helper tasks of large products run by {@code executor}.
     *
     * @param executor runs {@code threads − 1} tasks, each until the kernels are closed
     */
    public static Kernels create(String kind, int threads, Executor executor) {
        requireKind(kind, "kernels");
        if (threads < 1) {
            throw new ConfigException("threads: expected a positive integer, found " + threads);
        }
        return choose(kind, threads, executor);
    }

    private static Kernels choose(String kind, int threads) {
        return choose(kind, threads, new HelperThreads());
    }

    private static Kernels choose(String kind, int threads, Executor executor) {
        String unavailable = vectorUnavailable(kind);
        if (unavailable != null) {
            LOG.info("kernels: scalar ({})", unavailable);
            return new ScalarKernels();
        }
        int preferred = VectorKernelsLoader.preferredBits();
        int bits = vectorBits(kind);
        if (bits > preferred && WARNED.add(kind)) { // once per kind and JVM, however many engines
            LOG.warn(
                    "kernels: {} is wider than this JVM's {}-bit vectors: the results are right, the speed is a"
                            + " fraction (the Vector API emulates the width); use --kernels auto for speed",
                    kind,
                    preferred);
        }
        Kernels kernels = vector(bits, threads, executor);
        LOG.info(
                "kernels: {} ({}; the JVM prefers {}-bit vectors)",
                kernels.name(),
                kind.equals("auto") ? VECTOR_MODULE + " present" : "asked for: " + kind,
                preferred);
        return kernels;
    }

    /** @return why the kernels of this kind are scalar, or null when the Vector API ones can run */
    private static String vectorUnavailable(String kind) {
        if (kind.equals("scalar")) {
            return "asked for";
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return VECTOR_MODULE + " is not in the boot layer; run java with --add-modules " + VECTOR_MODULE
                    + " for SIMD";
        }
        Module self = KernelSelection.class.getModule();
        return self.canRead(vector.get()) ? null : self + " cannot read " + VECTOR_MODULE;
    }

    /** @return the vector width a vector kind asks for; for {@code auto}, this machine's */
    private static int vectorBits(String kind) {
        return kind.equals("auto")
                ? VectorKernelsLoader.machineGeometry().bits()
                : Integer.parseInt(kind.substring("vector".length()));
    }

    private static Kernels vector(int bits, int threads, Executor executor) {
        return VectorKernelsLoader.create(new Geometry(bits, Geometry.machineRegisters()), threads, executor);
    }

    /**
     * @return the kind of kernels asked for: the system property {@code chainrule.kernels}, else
     *     {@code auto}
     * @throws ConfigException if the property names no kind
     */
    public static String kind() {
        return requireKind(System.getProperty("chainrule.kernels", "auto").trim(), "chainrule.kernels");
    }

    /**
     * @param kind a kind of kernels
     * @param where what gave it, for the message (an option, a property)
     * @return {@code kind}, if it is one of {@link #KINDS}
     * @throws ConfigException naming {@code where}, the kinds and {@code kind} otherwise
     */
    public static String requireKind(String kind, String where) {
        if (!KINDS.contains(kind)) {
            throw new ConfigException(
                    where + ": expected one of " + String.join(", ", KINDS) + ", found '" + kind + "'");
        }
        return kind;
    }

    /**
     * @return the threads large products may use: the system property {@code chainrule.threads}
     *     (set by {@code nn --threads}), else the number of processors
     * @throws ConfigException if the property is not a positive integer
     */
    public static int threads() {
        String value = System.getProperty("chainrule.threads");
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        int t;
        try {
            t = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            t = 0;
        }
        if (t < 1) {
            throw new ConfigException("chainrule.threads: expected a positive integer, found '" + value + "'");
        }
        return t;
    }

    /**
     * @param threads threads a large product may use
     * @return new kernels of the kind {@link #select()} chose, with that many threads (for benchmarks)
     */
    public static Kernels create(int threads) {
        return create(kind(), threads);
    }

    /** @return whether the Vector API kernels can be used in this JVM (for tests) */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot()
                .findModule(VECTOR_MODULE)
                .map(m -> KernelSelection.class.getModule().canRead(m))
                .orElse(false);
    }
}

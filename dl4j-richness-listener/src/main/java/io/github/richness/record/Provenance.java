package io.github.richness.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a record was measured, so that a records file can say it long after its run: which run, which library,
 * which head and output, on which probe each quantity was measured, and with which settings.
 *
 * <p>Text that is not known (records of format version 1, written before provenance existed) is null; the
 * maps are empty then.
 *
 * @param runId one id per listener (or per distributed measurement series), the same for every record of a run
 * @param libraryVersion the dl4j-richness version that measured
 * @param source what measured: {@value #LISTENER} or another entry point (for example a distributed measurement)
 * @param outputMode which output f̂ is: {@code PRE_ACTIVATION} (the paper's φW + b) or {@code POST_ACTIVATION}
 *        (a non-linear function of the features: not the paper's quantity)
 * @param headName the layer whose input are the features, e.g. {@code layer 3} or {@code 'out'}
 * @param headType that layer's DL4J class, e.g. {@code OutputLayer}
 * @param sampleCap the most samples taken from each probe per measurement
 * @param spectraOn whether the spectrum, Π* and Π̂ were computed
 * @param baselinesOn whether S_init, ‖θ‖², NC1 and Tr(Σ_W) were computed
 * @param kernels the linear-algebra kernels used (see {@code io.github.richness.device.SymmetricKernels})
 * @param probes per group of quantities (keys {@value #D_LR} (D_LR, its debiased and projection variants and
 *        their standard errors), {@value #LAZY}, {@value #SPECTRUM}, {@value #PROJECTIONS}, {@value #S_INIT},
 *        {@value #COLLAPSE}), the probe it was measured on: {@value #TEST_PROBE} (the held-out probe given to the
 *        listener's builder) or {@value #TRAINING_PROBE} (the training probe: a fixed sample of the training
 *        data, the paper's protocol for the spectrum and NC1). Records of format version 2 name the training
 *        probe {@code spectrum} (it was then called the spectrum probe and used for the spectrum only)
 * @param estimators the settings of the estimators (tolerances, ridges), by name, among them
 *        {@value #JACKKNIFE_BLOCKS} (the B of the standard errors, 0 when none were measured) and
 *        {@value #JACKKNIFE_BLOCKS_REQUESTED} (the B asked for); a distributed measurement
 *        ({@value #SPARK}) adds how it was distributed: {@code spark_partitions} (of the probe),
 *        {@code spark_partitions_with_samples}, {@code spark_training_partitions} (with a separate spectrum
 *        probe), {@code spark_moment_bytes} (the moments the partitions sent) and {@code spark_broadcast_bytes}
 *        (the model sent to them)
 */
public record Provenance(String runId, String libraryVersion, String source, String outputMode, String headName,
                         String headType, int sampleCap, boolean spectraOn, boolean baselinesOn, String kernels,
                         Map<String, String> probes, Map<String, String> estimators) {

    /** The {@link #source()} of the training listener. */
    public static final String LISTENER = "listener";
    /** The {@link #source()} of the distributed measurement on Spark ({@code io.github.richness.spark}). */
    public static final String SPARK = "spark";
    /** The held-out probe given to the listener's builder. */
    public static final String TEST_PROBE = "test";
    /** The training probe: a fixed sample of the training data (the spectrum's eigenfunctions, NC1, Tr(Σ_W)). */
    public static final String TRAINING_PROBE = "training";
    /** Key of {@link #probes()}: D_LR, its debiased and projection variants and their standard errors. */
    public static final String D_LR = "d_lr";
    /** Key of {@link #probes()}: the lazy reference d_lr_lazy (the initial model's features and the targets). */
    public static final String LAZY = "d_lr_lazy";
    /** Key of {@link #probes()}: the eigenvalues and eigenfunctions (Algorithm 1). */
    public static final String SPECTRUM = "spectrum";
    /** Key of {@link #probes()}: Π* and Π̂, the eigenfunctions evaluated on a probe (eq. 5). */
    public static final String PROJECTIONS = "projections";
    /** Key of {@link #probes()}: S_init. */
    public static final String S_INIT = "s_init";
    /** Key of {@link #probes()}: NC1 and Tr(Σ_W). */
    public static final String COLLAPSE = "nc1";

    /** Key of {@link #estimators()}: B, the jackknife blocks the standard errors rest on (0: none measured). */
    public static final String JACKKNIFE_BLOCKS = "jackknife_blocks";
    /** Key of {@link #estimators()}: the B asked for (fewer are used when the blocks do not fit the memory). */
    public static final String JACKKNIFE_BLOCKS_REQUESTED = "jackknife_blocks_requested";

    /** What is known of a record that carries no provenance (format version 1). */
    public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null, null, 0, false, false, null,
            Map.of(), Map.of());

    /** Copies the maps, keeping their order. */
    public Provenance {
        probes = unmodifiable(probes);
        estimators = unmodifiable(estimators);
    }

    /** @return the head as one text, e.g. {@code layer 3 (OutputLayer)}; null when unknown */
    public String head() {
        if (headName == null) {
            return null;
        }
        return headType == null ? headName : headName + " (" + headType + ")";
    }

    /** @return B, the jackknife blocks of the standard errors ({@value #JACKKNIFE_BLOCKS}); 0 when not known */
    public int jackknifeBlocks() {
        String blocks = estimators.get(JACKKNIFE_BLOCKS);
        return blocks == null || !blocks.matches("\\d{1,9}") ? 0 : Integer.parseInt(blocks);
    }

    /**
     * @param name the head's name
     * @param type the head's type
     * @return this provenance with the head set (a failed measurement may not know it)
     */
    public Provenance withHead(String name, String type) {
        return new Provenance(runId, libraryVersion, source, outputMode, name, type, sampleCap, spectraOn,
                baselinesOn, kernels, probes, estimators);
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNullElse(map, Map.<String, String>of()).forEach(copy::put);
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param more settings to add (or replace) in {@link #estimators()}
     * @return this provenance with them
     */
    public Provenance withEstimators(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(estimators);
        all.putAll(more);
        return new Provenance(runId, libraryVersion, source, outputMode, headName, headType, sampleCap, spectraOn,
                baselinesOn, kernels, probes, all);
    }
}

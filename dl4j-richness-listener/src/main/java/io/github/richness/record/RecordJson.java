package io.github.richness.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The stable JSON form of a {@link RichnessRecord}: one flat object per record, keys in a fixed order, snake-case
 * names ({@link Scalar#key()} for the scalar columns), NaN and infinities written as {@code null} (JSON has no NaN)
 * and read back as NaN. Written with ND4J's shaded Jackson, which every DL4J application already has.
 *
 * <p>Format version {@value #VERSION}, in the key {@code version} of every line. Keys: version, run_id,
 * library_version, source, epoch, iteration, timestamp_ms, measurement_ms, head (name and type in one text),
 * head_name, head_type, output_mode, n, n_spectrum, p, c, sample_cap, spectra_on, baselines_on, kernels, probes
 * (an object: quantity group → probe, see {@link Provenance#probes()}), estimators (an object of settings), the
 * scalar columns (d_lr, d_lr_projection, d_lr_debiased, d_lr_se, d_lr_debiased_se, d_lr_lazy, d_eff,
 * d_eff_utilization, constant_mode_overlap, s_init, param_norm_sq, nc1, trace_sigma_w), dropped_eigenfunctions,
 * trusted_eigenvalues, eigenvalues, relative_eigenvalues, cumulative_quality, cumulative_utilization, warnings,
 * failure, layers (the intermediate layers' numbers, an array of objects: {@link LayerRichnessJson}; empty when no
 * layer was selected).
 *
 * <p>Versions: 1 had no provenance; 2 added it; 3 added the debiased D_LR, the standard errors, the lazy
 * reference, the Nyström trust limit (trusted_eigenvalues), ⟨1|e₁⟩ (constant_mode_overlap) and the jackknife's
 * B in the estimators, and calls the training probe {@code training} in the probes object (version 2:
 * {@code spectrum}). Compatibility: keys keep their name and meaning from one version to the next; readers ignore
 * keys they do not know and take missing ones as not measured (NaN, 0 for counts). So version 1 files (which
 * have no provenance: its texts are read as null), version 2 files (no standard errors, lazy reference or trust
 * limit: NaN and 0), files without {@code layers} (no layers) and files of later versions are read by this one.
 */
public final class RecordJson {

    /** The format version written in every record. */
    public static final int VERSION = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern HEAD = Pattern.compile("(.*) \\(([A-Za-z0-9_$.]+)\\)");

    private RecordJson() {
    }

    /**
     * @param record a record
     * @return its JSON object on one line
     */
    public static String toJson(RichnessRecord record) {
        return toTree(record).toString();
    }

    /**
     * @param record a record
     * @return its JSON form as a Jackson tree, for callers that embed it
     */
    public static ObjectNode toTree(RichnessRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        Provenance provenance = record.provenance();
        node.put("version", VERSION);
        node.put("run_id", provenance.runId());
        node.put("library_version", provenance.libraryVersion());
        node.put("source", provenance.source());
        node.put("epoch", record.epoch());
        node.put("iteration", record.iteration());
        node.put("timestamp_ms", record.when().timestampMillis());
        node.put("measurement_ms", record.when().durationMillis());
        node.put("head", provenance.head());
        node.put("head_name", provenance.headName());
        node.put("head_type", provenance.headType());
        node.put("output_mode", provenance.outputMode());
        node.put("n", record.probe().testSamples());
        node.put("n_spectrum", record.probe().spectrumSamples());
        node.put("p", record.probe().featureWidth());
        node.put("c", record.probe().outputWidth());
        node.put("sample_cap", provenance.sampleCap());
        node.put("spectra_on", provenance.spectraOn());
        node.put("baselines_on", provenance.baselinesOn());
        node.put("kernels", provenance.kernels());
        putMap(node, "probes", provenance.probes());
        putMap(node, "estimators", provenance.estimators());
        for (Scalar scalar : Scalar.values()) {
            putNumber(node, scalar.key(), scalar.of(record));
        }
        Spectra spectra = record.spectra();
        node.put("dropped_eigenfunctions", spectra.droppedEigenfunctions());
        node.put("trusted_eigenvalues", spectra.trustedEigenvalues());
        putArray(node, "eigenvalues", spectra.eigenvalues());
        putArray(node, "relative_eigenvalues", spectra.relativeEigenvalues());
        putArray(node, "cumulative_quality", spectra.cumulativeQuality());
        putArray(node, "cumulative_utilization", spectra.cumulativeUtilization());
        ArrayNode warnings = node.putArray("warnings");
        record.warnings().forEach(warnings::add);
        node.put("failure", record.failure());
        LayerRichnessJson.put(node, record.layers());
        return node;
    }

    /**
     * @param json a record's JSON object
     * @return the record
     * @throws IllegalArgumentException if the text is not a JSON richness record
     */
    public static RichnessRecord fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON richness record: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || node.path("version").asInt(0) < 1) {
            throw new IllegalArgumentException("not a richness record (no format version): "
                    + (json.length() > 80 ? json.substring(0, 80) + "…" : json));
        }
        return fromTree(node);
    }

    private static RichnessRecord fromTree(JsonNode node) {
        List<String> warnings = new ArrayList<>();
        node.path("warnings").forEach(w -> warnings.add(w.asText()));
        return RichnessRecord.builder()
                .when(new When(node.path("epoch").asInt(), node.path("iteration").asInt(),
                        node.path("timestamp_ms").asLong(), node.path("measurement_ms").asLong()))
                .provenance(provenance(node))
                .probe(new Probe(node.path("n").asLong(), node.path("n_spectrum").asLong(), node.path("p").asInt(),
                        node.path("c").asInt()))
                .distances(new Distances(number(node, Scalar.LOW_RANK_DISTANCE),
                        number(node, Scalar.PROJECTION_LOW_RANK_DISTANCE), number(node, Scalar.DEBIASED_LOW_RANK_DISTANCE),
                        new ErrorBars(number(node, Scalar.LOW_RANK_DISTANCE_STANDARD_ERROR),
                                number(node, Scalar.DEBIASED_LOW_RANK_DISTANCE_STANDARD_ERROR)),
                        number(node, Scalar.LAZY_LOW_RANK_DISTANCE)))
                .spectra(new Spectra(array(node, "eigenvalues"), array(node, "relative_eigenvalues"),
                        array(node, "cumulative_quality"), array(node, "cumulative_utilization"),
                        number(node, Scalar.EFFECTIVE_DIMENSION), number(node, Scalar.UTILIZATION_EFFECTIVE_DIMENSION),
                        node.path("dropped_eigenfunctions").asInt(), node.path("trusted_eigenvalues").asInt(),
                        number(node, Scalar.CONSTANT_MODE_OVERLAP)))
                .baselines(new BaselineValues(number(node, Scalar.KERNEL_SIMILARITY_TO_INIT),
                        number(node, Scalar.PARAMETER_NORM_SQUARED), number(node, Scalar.NC1),
                        number(node, Scalar.WITHIN_CLASS_TRACE)))
                .warnings(warnings)
                .failure(text(node, "failure"))
                .layers(LayerRichnessJson.read(node))
                .build();
    }

    /** Version 1 had only {@code head} ("name (Type)"): its name and type are taken from it. */
    private static Provenance provenance(JsonNode node) {
        String headName = text(node, "head_name");
        String headType = text(node, "head_type");
        String head = text(node, "head");
        if (headName == null && head != null) {
            Matcher matcher = HEAD.matcher(head);
            headName = matcher.matches() ? matcher.group(1) : head;
            headType = matcher.matches() ? matcher.group(2) : null;
        }
        return new Provenance(text(node, "run_id"), text(node, "library_version"), text(node, "source"),
                text(node, "output_mode"), headName, headType, node.path("sample_cap").asInt(),
                node.path("spectra_on").asBoolean(), node.path("baselines_on").asBoolean(), text(node, "kernels"),
                map(node, "probes"), map(node, "estimators"));
    }

    static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void putArray(ObjectNode node, String key, double[] values) {
        ArrayNode array = node.putArray(key);
        for (double value : values) {
            if (Double.isFinite(value)) {
                array.add(value);
            } else {
                array.addNull();
            }
        }
    }

    private static void putMap(ObjectNode node, String key, Map<String, String> values) {
        ObjectNode object = node.putObject(key);
        values.forEach(object::put);
    }

    private static double number(JsonNode node, Scalar scalar) {
        return number(node, scalar.key());
    }

    static double number(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Map<String, String> map(JsonNode node, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        node.path(key).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static double[] array(JsonNode node, String key) {
        JsonNode values = node.path(key);
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
        }
        return result;
    }
}

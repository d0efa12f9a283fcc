package io.github.richness.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The stable JSON form of a {@link RichnessRecord}: one object, keys in a fixed order, snake-case names
 * ({@link Scalar#key()} for the scalar columns), NaN and infinities written as {@code null} (JSON has no
 * NaN) and read back as NaN. Written with ND4J's shaded Jackson, which every DL4J application already has.
 *
 * <p>Format version 1. Keys: version, epoch, iteration, timestamp_ms, measurement_ms, head, n, n_spectrum,
 * p, c, the scalar columns, dropped_eigenfunctions, eigenvalues, relative_eigenvalues, cumulative_quality,
 * cumulative_utilization, warnings, failure. Readers ignore keys they do not know.
 */
public final class RecordJson {

    /** The format version written in every record. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordJson() {
    }

    /**
     * @param record a record
     * @return its JSON object on one line
     */
    public static String toJson(RichnessRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", VERSION);
        node.put("epoch", record.epoch());
        node.put("iteration", record.iteration());
        node.put("timestamp_ms", record.timestampMillis());
        node.put("measurement_ms", record.measurementMillis());
        node.put("head", record.head());
        node.put("n", record.sampleCount());
        node.put("n_spectrum", record.spectrumSampleCount());
        node.put("p", record.featureWidth());
        node.put("c", record.outputWidth());
        for (Scalar scalar : Scalar.values()) {
            putNumber(node, scalar.key(), scalar.of(record));
        }
        node.put("dropped_eigenfunctions", record.droppedEigenfunctions());
        putArray(node, "eigenvalues", record.eigenvalues());
        putArray(node, "relative_eigenvalues", record.relativeEigenvalues());
        putArray(node, "cumulative_quality", record.cumulativeQuality());
        putArray(node, "cumulative_utilization", record.cumulativeUtilization());
        ArrayNode warnings = node.putArray("warnings");
        record.warnings().forEach(warnings::add);
        node.put("failure", record.failure());
        return node.toString();
    }

    /**
     * @param json a record's JSON object
     * @return the record
     * @throws IllegalArgumentException if the text is not a record of a known version
     */
    public static RichnessRecord fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON richness record: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || node.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("not a richness record of format version " + VERSION + ": "
                    + (json.length() > 80 ? json.substring(0, 80) + "…" : json));
        }
        List<String> warnings = new ArrayList<>();
        node.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new RichnessRecord(node.path("epoch").asInt(), node.path("iteration").asInt(),
                node.path("timestamp_ms").asLong(), node.path("measurement_ms").asLong(),
                text(node, "head"), node.path("n").asLong(), node.path("n_spectrum").asLong(),
                node.path("p").asInt(), node.path("c").asInt(), number(node, Scalar.LOW_RANK_DISTANCE.key()),
                number(node, Scalar.PROJECTION_LOW_RANK_DISTANCE.key()), array(node, "eigenvalues"),
                array(node, "relative_eigenvalues"), array(node, "cumulative_quality"),
                array(node, "cumulative_utilization"), number(node, Scalar.EFFECTIVE_DIMENSION.key()),
                number(node, Scalar.UTILIZATION_EFFECTIVE_DIMENSION.key()),
                node.path("dropped_eigenfunctions").asInt(), number(node, Scalar.KERNEL_SIMILARITY_TO_INIT.key()),
                number(node, Scalar.PARAMETER_NORM_SQUARED.key()), number(node, Scalar.NC1.key()),
                number(node, Scalar.WITHIN_CLASS_TRACE.key()), warnings, text(node, "failure"));
    }

    /**
     * @param record a record
     * @return its JSON form as a Jackson tree, for callers that embed it
     */
    public static JsonNode toTree(RichnessRecord record) {
        try {
            return MAPPER.readTree(toJson(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
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

    private static double number(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
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

package io.github.richness.record;

import java.util.List;
import java.util.Objects;

/**
 * One measurement of a model's richness: what the listener records at an epoch end or iteration, and what the
 * reporters show. Immutable, made of small value types that cannot be swapped for one another:
 * {@link When} it was measured, its {@link Provenance} (how, by which run), the {@link Probe} sizes, the
 * {@link Distances}, the {@link Spectra} and the {@link BaselineValues}. Build one with {@link #builder()};
 * {@link RecordJson} gives its stable JSON form.
 *
 * <p>Absent values, one convention everywhere (here and in {@code io.github.richness.core.RichnessResult}): a
 * number that was not measured or is undefined is NaN, an array that was not measured is empty, a text that is
 * not known is null; {@link #warnings()} say why a value is missing. Equality is value equality of every part
 * (NaN equals NaN, arrays by content).
 *
 * <p>A measurement that failed (NaN activations, out of memory, an unsupported layer) is still a record:
 * {@link #failure()} says why and the numbers are NaN, so the training run goes on and the cause is kept.
 *
 * @param when when it was measured
 * @param provenance how and by which run
 * @param probe the probe sizes and the widths p and C
 * @param distances D_LR and its variants
 * @param spectra the spectral view of section 5
 * @param baselines S_init, ‖θ‖², NC1, Tr(Σ_W)
 * @param warnings what to know about these numbers
 * @param failure why the measurement failed, or null
 * @param layers the selected intermediate layers' numbers, in the order of the forward pass (empty when no layer
 *        was selected)
 */
public record RichnessRecord(When when, Provenance provenance, Probe probe, Distances distances, Spectra spectra,
                             BaselineValues baselines, List<String> warnings, String failure,
                             List<LayerRichness> layers) {

    /** Checks that every part is present and copies the warnings. */
    public RichnessRecord {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(distances, "distances");
        Objects.requireNonNull(spectra, "spectra");
        Objects.requireNonNull(baselines, "baselines");
        warnings = List.copyOf(warnings);
        layers = List.copyOf(layers);
    }

    /** @return a builder with nothing measured: every part {@code NONE} or unknown, no warning, no failure */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model's epoch count when measured */
    public int epoch() {
        return when.epoch();
    }

    /** @return the model's iteration count when measured */
    public int iteration() {
        return when.iteration();
    }

    /** @return D_LR, eq. 4 (0 rich, 1 lazy); NaN when not measured */
    public double lowRankDistance() {
        return distances.lowRankDistance();
    }

    /** @return whether the measurement succeeded */
    public boolean ok() {
        return failure == null;
    }

    /** @return this record with the spectrum arrays dropped (scalars kept), for long in-memory histories */
    public RichnessRecord withoutSpectra() {
        return new RichnessRecord(when, provenance, probe, distances, spectra.withoutArrays(), baselines, warnings,
                failure, layers);
    }

    /** @return a builder holding this record's parts, to derive another record */
    public Builder toBuilder() {
        return new Builder().when(when).provenance(provenance).probe(probe).distances(distances).spectra(spectra)
                .baselines(baselines).warnings(warnings).failure(failure).layers(layers);
    }

    @Override
    public String toString() {
        return RecordJson.toJson(this);
    }

    /** Assembles a {@link RichnessRecord}; parts not set are {@code NONE} or unknown. */
    public static final class Builder {

        private When when = new When(0, 0, 0, 0);
        private Provenance provenance = Provenance.UNKNOWN;
        private Probe probe = Probe.UNKNOWN;
        private Distances distances = Distances.NONE;
        private Spectra spectra = Spectra.NONE;
        private BaselineValues baselines = BaselineValues.NONE;
        private List<String> warnings = List.of();
        private String failure;
        private List<LayerRichness> layers = List.of();

        private Builder() {
        }

        /** @param when when it was measured @return this builder */
        public Builder when(When when) {
            this.when = when;
            return this;
        }

        /** @param provenance how it was measured @return this builder */
        public Builder provenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        /** @param probe the sizes @return this builder */
        public Builder probe(Probe probe) {
            this.probe = probe;
            return this;
        }

        /** @param distances the distances @return this builder */
        public Builder distances(Distances distances) {
            this.distances = distances;
            return this;
        }

        /** @param spectra the spectra @return this builder */
        public Builder spectra(Spectra spectra) {
            this.spectra = spectra;
            return this;
        }

        /** @param baselines the baselines @return this builder */
        public Builder baselines(BaselineValues baselines) {
            this.baselines = baselines;
            return this;
        }

        /** @param warnings what to know about the numbers @return this builder */
        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** @param failure why the measurement failed, or null @return this builder */
        public Builder failure(String failure) {
            this.failure = failure;
            return this;
        }

        /** @param layers the intermediate layers' numbers @return this builder */
        public Builder layers(List<LayerRichness> layers) {
            this.layers = layers;
            return this;
        }

        /** @return the record */
        public RichnessRecord build() {
            return new RichnessRecord(when, provenance, probe, distances, spectra, baselines, warnings, failure,
                    layers);
        }
    }
}

package io.github.richness.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.capture.Activations;
import io.github.richness.capture.LayerActivations;
import io.github.richness.capture.LayerSelection;
import io.github.richness.capture.SelectedLayer;
import io.github.richness.core.SketchedCka;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.SketchedMoments;
import io.github.richness.record.LayerRichness;
import io.github.richness.testing.DenseReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The sketched flattened D_LR and S_init of wide layers: against the exact Gram-matrix values at p = 4096
 * (absolute error at most 1e-2, and within the reported bound), and a 65,536-wide layer measured within the
 * sketch budget; a wide convolutional layer also gets its exact channel-pooled values.
 */
class SketchedLayerTest {

    private static final double REQUIRED_ACCURACY = 1e-2;
    private static final int SAMPLES = 600;
    private static final int CLASSES = 10;

    @Test
    void aSketchAtWidth4096IsWithin1e2OfTheExactValuesAndItsBoundCoversTheError() {
        int width = 4096;
        INDArray x = gaussian(1, SAMPLES, 64);
        INDArray weights = gaussian(2, 64, width);
        INDArray layer = Transforms.relu(x.mmul(weights));
        INDArray initial = Transforms.relu(x.mul(0.6).addi(gaussian(3, SAMPLES, 64).muli(0.8)).mmul(weights));
        INDArray outputs = x.mmul(gaussian(4, 64, CLASSES)).addi(gaussian(5, SAMPLES, CLASSES).muli(3));
        int probes = SketchedMoments.probesWithin(width, CLASSES, true, LayerOptions.DEFAULT_SKETCH_BUDGET_BYTES);
        SketchedMoments sketch = new SketchedMoments(width, CLASSES, true, probes, 7);
        for (int start = 0; start < SAMPLES; start += 100) {
            sketch.accumulate(rows(layer, start), rows(outputs, start), rows(initial, start));
        }
        assertTrue(sketch.bytes() <= LayerOptions.DEFAULT_SKETCH_BUDGET_BYTES, "within the budget");
        double[][] phi = layer.toDoubleMatrix();
        double exactDistance = DenseReference.lowRankDistance(phi, outputs.toDoubleMatrix());
        double exactSimilarity = DenseReference.kernelSimilarity(initial.toDoubleMatrix(), phi);
        SketchedCka.Estimate distance = SketchedCka.lowRankDistance(sketch);
        SketchedCka.Estimate similarity = SketchedCka.kernelSimilarityToInit(sketch);
        double distanceError = Math.abs(distance.value() - exactDistance);
        double similarityError = Math.abs(similarity.value() - exactSimilarity);
        assertTrue(distanceError <= REQUIRED_ACCURACY, "D_LR error " + distanceError);
        assertTrue(distanceError <= distance.bound(), "D_LR error " + distanceError + " within " + distance.bound());
        assertTrue(distance.bound() <= REQUIRED_ACCURACY, "a bound that says something: " + distance.bound());
        assertTrue(similarityError <= REQUIRED_ACCURACY, "S_init error " + similarityError);
        assertTrue(similarityError <= similarity.bound(), "S_init error " + similarityError + " within "
                + similarity.bound());
        assertTrue(exactSimilarity < 0.95 && exactDistance > 0.05, "values away from the clamps: " + exactSimilarity
                + ", " + exactDistance);
    }

    @Tag("slow")
    @Test
    void aLayerOf65536FeaturesIsMeasuredWithinTheBudget() {
        int width = 65_536;
        long budget = LayerOptions.DEFAULT_SKETCH_BUDGET_BYTES;
        int probes = SketchedMoments.probesWithin(width, CLASSES, true, budget);
        assertTrue(probes >= SketchedMoments.MIN_PROBES, "k = " + probes);
        assertTrue(SketchedMoments.bytes(width, CLASSES, probes, true) <= budget);
        LayerAccumulation accumulation = new LayerAccumulation(LayerOptions.of(LayerSelection.indices(0)),
                SymmetricKernels.forBackend());
        List<SelectedLayer> layers = List.of(new SelectedLayer("layer 0", "ConvolutionLayer", 0));
        INDArray x = gaussian(11, 128, 16);
        INDArray mixing = gaussian(12, 16, width);
        for (int start = 0; start < 128; start += 64) {
            INDArray input = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + 64),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray activation = Transforms.relu(input.mmul(mixing)).reshape('c', 64, 64, 32, 32);
            INDArray initial = Transforms.relu(input.mmul(mixing).addi(1)).reshape('c', 64, 64, 32, 32);
            INDArray outputs = input.mmul(gaussian(13, 16, CLASSES));
            accumulation.accumulate(layers, activations(outputs, activation), activations(outputs, initial));
        }
        List<String> warnings = new ArrayList<>();
        List<LayerRichness> results = accumulation.results(false, warnings);
        assertEquals(List.of(LayerRichness.CHANNEL_POOLED, LayerRichness.FLATTENED_SKETCH),
                results.stream().map(LayerRichness::features).toList(), "pooled exact, flattened sketched");
        LayerRichness sketched = results.get(1);
        assertEquals(width, sketched.width());
        assertEquals(64, results.get(0).width());
        assertTrue(Double.isFinite(sketched.lowRankDistance()) && sketched.lowRankDistanceBound() > 0);
        assertTrue(Double.isFinite(sketched.kernelSimilarityToInit()));
    }

    private static LayerActivations activations(INDArray outputs, INDArray layer) {
        return new LayerActivations(new Activations(outputs, outputs), Map.of("layer 0", layer));
    }

    private static INDArray rows(INDArray matrix, int start) {
        return matrix.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + 100),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    private static INDArray gaussian(long seed, int rows, int columns) {
        return Nd4j.createFromArray(DenseReference.randomGaussian(seed, rows, columns)).castTo(DataType.DOUBLE);
    }
}
